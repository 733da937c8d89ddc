import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../gateway/core/store/database.js';
import { applyFeatureMigrations } from '../../../gateway/core/store/feature-migrations.js';
import { afterTurnStart } from '../../../gateway/features/channels/after-turn-start.js';
import { AccountStatusBoard } from '../../../gateway/features/channels/account-status.js';
import type { ChannelAccount, ChannelPlugin, InboundMessage } from '../../../gateway/features/channels/channel-plugin.js';
import { CHANNELS_MIGRATIONS } from '../../../gateway/features/channels/channels-migrations.js';
import { InboundDispatcher } from '../../../gateway/features/channels/inbound-dispatcher.js';
import { LastRoutesRepository } from '../../../gateway/features/channels/last-routes-repository.js';

// The "last" route a DM records: answered from memory at once, its row written once the turn is
// on its way and before the message counts as handled (the inbox marks it done after handle()).

const MAIN = 'agent:main:main';
const account: ChannelAccount = {
  channel: 'telegram',
  accountId: 'default',
  enabled: true,
  configured: true,
  policy: { dmPolicy: 'open', allowFrom: ['*'], groupPolicy: 'allowlist', groupAllowFrom: undefined, requireMention: true },
  tokenSource: 'config',
  settings: {},
  fingerprint: 'f',
};
const dm = (id: string, chat: string): InboundMessage => ({
  channel: 'telegram',
  accountId: 'default',
  externalId: id,
  chat: { kind: 'dm', id: chat },
  sender: { id: chat, label: `User ${chat}` },
  text: 'hello',
  mentioned: false,
  replyTarget: chat,
});

/** A dispatcher over `lastRoutes` whose turns start with `submit`, sending replies with `plugin`. */
function dispatcherWith(lastRoutes: LastRoutesRepository, submit: () => unknown, plugin: unknown): InboundDispatcher {
  const context = {
    config: { current: () => ({ config: {} }), roster: () => ({ defaultAgentId: 'main', agents: [{ id: 'main' }] }) },
    agents: { findAny: () => undefined },
    store: { runs: { get: () => undefined } },
    turns: { submit },
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    events: { broadcast: () => undefined },
    clock: { now: () => 1_000 },
    replySpeech: { visibleText: (text: string) => text, speak: async () => undefined },
  };
  return new InboundDispatcher({
    context: context as never,
    pairing: { isApproved: () => true } as never,
    lastRoutes,
    status: new AccountStatusBoard(),
    plugin: () => plugin as ChannelPlugin,
    defaultAccountId: () => 'default',
  });
}

describe('the last route of a DM', () => {
  let db: Database;
  /** What a restarted process would read: the rows only. */
  const stored = () => new LastRoutesRepository(db).get(MAIN);

  beforeEach(() => {
    db = openDatabase(':memory:');
    applyFeatureMigrations(db, 'channels', CHANNELS_MIGRATIONS);
  });
  afterEach(() => db.close());

  it('is answered at once, written after the turn starts and before the message is handled', async () => {
    const lastRoutes = new LastRoutesRepository(db);
    const seenAtSubmit: unknown[] = [];
    let finishTurn: (result: { status: 'ok'; text: string; stopReason: string }) => void = () => undefined;
    const sent: string[] = [];
    const plugin = { outbound: { textChunkLimit: 4096, chunk: (text: string) => [text], sendText: async (_: unknown, to: string) => (sent.push(to), { messageId: '1', chatId: to }) } };
    const submit = () => {
      seenAtSubmit.push({ live: lastRoutes.get(MAIN)?.to, stored: stored()?.to });
      return { follow: () => () => undefined, done: new Promise((resolve) => (finishTurn = resolve)) };
    };
    const dispatcher = dispatcherWith(lastRoutes, submit, plugin);

    const handled = dispatcher.handle(account, dm('1', '42'), new AbortController().signal);
    await new Promise((resolve) => setImmediate(resolve));
    // The turn started with the route known in memory and nothing written in front of it.
    expect(seenAtSubmit).toEqual([{ live: '42', stored: undefined }]);
    await afterTurnStart();
    await afterTurnStart();
    // The turn is still running: the row is already durable for a restart.
    expect(stored()?.to).toBe('42');

    finishTurn({ status: 'ok', text: 'hi', stopReason: 'stop' });
    await handled;
    expect(sent).toEqual(['42']);
  });

  it('is written by the end of handling even when the turn fails to start', async () => {
    const lastRoutes = new LastRoutesRepository(db);
    const submit = () => {
      throw new Error('no model');
    };
    const dispatcher = dispatcherWith(lastRoutes, submit, { outbound: { textChunkLimit: 4096, chunk: (text: string) => [text] } });
    await expect(dispatcher.handle(account, dm('2', '43'), new AbortController().signal)).rejects.toThrow('no model');
    expect(stored()?.to).toBe('43');
  });

  it('keeps the newest route per session and writes routes recorded together in one go', () => {
    const lastRoutes = new LastRoutesRepository(db);
    lastRoutes.record(MAIN, { channel: 'telegram', accountId: 'default', to: '1', updatedAt: 1 });
    lastRoutes.record(MAIN, { channel: 'discord', accountId: 'default', to: '2', updatedAt: 2 });
    lastRoutes.record('agent:ops:main', { channel: 'telegram', accountId: 'default', to: '3', updatedAt: 3 });
    expect(lastRoutes.get(MAIN)).toMatchObject({ channel: 'discord', to: '2' });
    expect(stored()).toBeUndefined();
    lastRoutes.flush();
    expect(stored()).toMatchObject({ channel: 'discord', to: '2' });
    expect(new LastRoutesRepository(db).get('agent:ops:main')?.to).toBe('3');
  });
});
