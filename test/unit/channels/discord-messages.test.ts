import { describe, expect, it } from 'vitest';
import { decideAccess } from '../../../gateway/features/channels/access-policy.js';
import { groupRulesOf } from '../../../gateway/features/channels/discord/discord-accounts.js';
import { inboundFromDiscordMessage, type DiscordMessage } from '../../../gateway/features/channels/discord/discord-messages.js';
import { DISCORD_TEXT_LIMIT, discordPollPayload, parseDiscordTarget } from '../../../gateway/features/channels/discord/discord-outbound.js';
import { chunkText } from '../../../gateway/features/channels/text-chunker.js';

const BOT = { id: '900000000000000001', username: 'gatehouse_test_bot' };
const ALICE = { id: '300000000000000001', username: 'alice', global_name: 'Alice', discriminator: '0', avatar: null };

function message(fields: Partial<DiscordMessage> & { content: string }): DiscordMessage {
  return { id: '1200000000000000001', type: 0, channel_id: '500000000000000001', author: ALICE, timestamp: '', edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, ...fields } as DiscordMessage;
}

describe('Discord message → inbound message', () => {
  it('maps a DM: the DM channel is the chat and the reply target, the user is the sender', () => {
    const inbound = inboundFromDiscordMessage(message({ content: 'hello' }), 'default', BOT);
    expect(inbound).toEqual({
      channel: 'discord',
      accountId: 'default',
      externalId: '1200000000000000001',
      chat: { kind: 'dm', id: '500000000000000001' },
      sender: { id: ALICE.id, label: 'Alice (@alice)' },
      text: 'hello',
      mentioned: false,
      replyTarget: 'channel:500000000000000001',
    });
  });

  it('maps a guild message as a channel chat with its guild, and strips the bot mention from the text', () => {
    const inbound = inboundFromDiscordMessage(message({ content: `<@${BOT.id}> what time is it?`, guild_id: '700000000000000001', mentions: [{ ...BOT, discriminator: '0', avatar: null, global_name: null }] }), 'default', BOT);
    expect(inbound).toMatchObject({ chat: { kind: 'channel', id: '500000000000000001' }, guildId: '700000000000000001', mentioned: true, text: 'what time is it?' });
  });

  it('detects a mention by <@!id>, by the mentions list, and by a reply to the bot', () => {
    const guild = { guild_id: '700000000000000001' };
    expect(inboundFromDiscordMessage(message({ ...guild, content: `hey <@!${BOT.id}>` }), 'default', BOT)?.mentioned).toBe(true);
    const reply = message({ ...guild, content: 'and then?', referenced_message: message({ content: 'earlier', author: { ...BOT, discriminator: '0', avatar: null, global_name: null, bot: true } }) });
    expect(inboundFromDiscordMessage(reply, 'default', BOT)?.mentioned).toBe(true);
    expect(inboundFromDiscordMessage(message({ ...guild, content: 'talking about gatehouse_test_bot' }), 'default', BOT)?.mentioned).toBe(false);
  });

  it('ignores bots, webhooks, its own messages and system messages', () => {
    expect(inboundFromDiscordMessage(message({ content: 'beep', author: { ...ALICE, bot: true } }), 'default', BOT)).toBeUndefined();
    expect(inboundFromDiscordMessage(message({ content: 'hook', webhook_id: '1' }), 'default', BOT)).toBeUndefined();
    expect(inboundFromDiscordMessage(message({ content: 'me', author: { ...BOT, discriminator: '0', avatar: null, global_name: null } }), 'default', BOT)).toBeUndefined();
    expect(inboundFromDiscordMessage(message({ content: '', type: 7 }), 'default', BOT)).toBeUndefined();
  });
});

describe('Discord targets', () => {
  it.each([
    ['channel:500000000000000001', 'channel:500000000000000001'],
    ['500000000000000001', 'channel:500000000000000001'],
    ['user:300000000000000001', 'user:300000000000000001'],
    ['<@300000000000000001>', 'user:300000000000000001'],
    ['discord:user:300000000000000001', 'user:300000000000000001'],
    ['42', undefined],
    ['channel:abc', undefined],
    ['@someone', undefined],
  ])('%s → %s', (to, expected) => {
    expect(parseDiscordTarget(to)).toBe(expected);
  });
});

describe('Discord limits', () => {
  it('chunks a long reply with the shared chunker at 2,000 characters, code fences closed and reopened', () => {
    const code = Array.from({ length: 150 }, (_, i) => `const line${i} = ${i};`).join('\n');
    const chunks = chunkText(`Intro.\n\n\`\`\`ts\n${code}\n\`\`\`\n\nDone.`, DISCORD_TEXT_LIMIT);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(2000);
    expect(chunks[1]!.startsWith('```ts\n')).toBe(true);
  });

  it('builds Discord poll objects: answers, hours, multiselect', () => {
    expect(discordPollPayload({ question: 'Lunch?', options: ['Pizza', 'Sushi'], maxSelections: 2, durationSeconds: 5400 })).toEqual({
      question: { text: 'Lunch?' },
      answers: [{ poll_media: { text: 'Pizza' } }, { poll_media: { text: 'Sushi' } }],
      duration: 2,
      allow_multiselect: true,
    });
    expect(discordPollPayload({ question: 'q', options: ['a', 'b'] }).duration).toBe(24);
  });

  it('refuses polls Discord would refuse, naming the limit', () => {
    expect(() => discordPollPayload({ question: 'q', options: ['only'] })).toThrow(/2 to 10 options/);
    expect(() => discordPollPayload({ question: 'q', options: Array.from({ length: 11 }, (_, i) => `o${i}`) })).toThrow(/2 to 10 options/);
    expect(() => discordPollPayload({ question: 'q', options: ['a', 'x'.repeat(56)] })).toThrow(/55 characters/);
  });
});

describe('Discord guild rules through the shared access gates', () => {
  const policy = (guilds: Parameters<typeof groupRulesOf>[0]) => ({ dmPolicy: 'pairing' as const, allowFrom: [], groupPolicy: 'allowlist' as const, groupAllowFrom: undefined, requireMention: true, groupRules: groupRulesOf(guilds)! });
  const request = (fields: Partial<Parameters<typeof decideAccess>[1]>) => ({ chatKind: 'channel' as const, chatId: 'c1', senderId: 'u1', mentioned: true, guildId: 'g1', ...fields });
  const never = () => false;

  it('admits a listed guild under groupPolicy allowlist and keeps others out', () => {
    const rules = policy({ g1: {} });
    expect(decideAccess(rules, request({}), never).kind).toBe('allow');
    expect(decideAccess(rules, request({ guildId: 'g2' }), never)).toMatchObject({ kind: 'drop', reason: expect.stringMatching(/groupAllowFrom/) });
  });

  it('narrows a guild to its listed channels, each with its own mention rule', () => {
    const rules = policy({ g1: { channels: { c1: { requireMention: false }, c2: { allow: false } } } });
    expect(decideAccess(rules, request({ mentioned: false }), never).kind).toBe('allow');
    expect(decideAccess(rules, request({ chatId: 'c2' }), never).kind).toBe('drop');
    expect(decideAccess(rules, request({ chatId: 'c3' }), never).kind).toBe('drop');
  });

  it('applies the guild users list and the account mention rule', () => {
    const rules = policy({ g1: { users: ['discord:u1'] } });
    expect(decideAccess(rules, request({}), never).kind).toBe('allow');
    expect(decideAccess(rules, request({ senderId: 'u2' }), never).kind).toBe('drop');
    expect(decideAccess(rules, request({ mentioned: false }), never)).toEqual({ kind: 'drop', reason: 'not mentioned' });
  });
});
