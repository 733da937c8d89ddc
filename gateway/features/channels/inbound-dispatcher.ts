import { GatewayError } from '../../../shared/protocol/error-codes.js';
import type { RunResult } from '../../agent/active-run.js';
import type { SubmittedTurn } from '../../agent/agent-turns.js';
import type { ImageAttachment } from '../../agent/attachments.js';
import type { FeatureContext } from '../../composition/feature-context.js';
import { decideAccess } from './access-policy.js';
import type { AccountStatusBoard } from './account-status.js';
import { afterTurnStart } from './after-turn-start.js';
import type { ChannelAccount, ChannelPlugin, InboundMessage } from './channel-plugin.js';
import type { LastRoutesRepository } from './last-routes-repository.js';
import { loadInboundImages } from './inbound-images.js';
import { PAIRING_MAX_PENDING_PER_ACCOUNT } from './pairing-codes.js';
import { pairingReply } from './pairing-texts.js';
import { pairingRequestPayload } from './pairing-payloads.js';
import { recordedSend } from './recorded-send.js';
import { ReplyStream } from './reply-stream.js';
import { resolveRoute, type DmScope, type GroupScope } from './route-resolution.js';
import type { SenderPairing } from './sender-pairing.js';

type TurnOutcome = RunResult | Pick<RunResult, 'status' | 'text' | 'stopReason' | 'failure'>;

export type InboundContext = Pick<FeatureContext, 'config' | 'turns' | 'agents' | 'store' | 'events' | 'logger' | 'clock' | 'replySpeech'>;

export interface InboundDispatcherOptions {
  readonly context: InboundContext;
  readonly pairing: SenderPairing;
  readonly lastRoutes: LastRoutesRepository;
  readonly status: AccountStatusBoard;
  readonly plugin: (channel: string) => ChannelPlugin | undefined;
  readonly defaultAccountId: (channel: string) => string;
}

/**
 * One inbound message, start to finish: the access gates, pairing, routing by `bindings`, the
 * agent turn (run id = the message's own id, so a message handled again after a restart joins its
 * run instead of starting a second one) and the streamed reply.
 */
export class InboundDispatcher {
  private routesFlushQueued = false;

  constructor(private readonly options: InboundDispatcherOptions) {}

  async handle(account: ChannelAccount, message: InboundMessage, signal: AbortSignal): Promise<void> {
    try {
      await this.handleMessage(account, message, signal);
    } finally {
      // The route's row is on disk before the inbox marks this message done (last-routes-repository.ts).
      this.options.lastRoutes.flush();
    }
  }

  private async handleMessage(account: ChannelAccount, message: InboundMessage, signal: AbortSignal): Promise<void> {
    const { context, pairing, status } = this.options;
    const plugin = this.options.plugin(account.channel);
    if (!plugin) return;
    status.patch(account.channel, account.accountId, { lastInboundAt: context.clock.now() });
    const decision = decideAccess(
      account.policy,
      { chatKind: message.chat.kind, chatId: message.chat.id, senderId: message.sender.id, mentioned: message.mentioned, ...(message.guildId ? { guildId: message.guildId } : {}) },
      (senderId) => pairing.isApproved(account.channel, account.accountId, senderId),
    );
    const where = { channel: account.channel, accountId: account.accountId, chatKind: message.chat.kind };
    if (decision.kind === 'drop') {
      context.logger.debug({ ...where, reason: decision.reason }, 'inbound message dropped by the access rules');
      return;
    }
    if (decision.kind === 'pair') {
      const outcome = pairing.request(account.channel, account.accountId, message.sender, message.replyTarget);
      if (outcome.kind === 'limited') {
        context.logger.warn(where, `pairing request refused: ${PAIRING_MAX_PENDING_PER_ACCOUNT} requests are pending on this account already`);
        return;
      }
      if (outcome.kind === 'created') context.events.broadcast('channels.pairing.requested', pairingRequestPayload(outcome.request, plugin));
      await this.send(plugin, account, message.replyTarget, pairingReply(account.channel, outcome.request.code));
      return;
    }
    await this.runTurn(plugin, account, message, signal);
  }

  private async runTurn(plugin: ChannelPlugin, account: ChannelAccount, message: InboundMessage, signal: AbortSignal): Promise<void> {
    const { context, lastRoutes } = this.options;
    const loaded = context.config.current();
    const roster = context.config.roster();
    const session = loaded.config.session;
    const route = resolveRoute(
      {
        channel: account.channel,
        accountId: account.accountId,
        defaultAccountId: this.options.defaultAccountId(account.channel),
        peer: { kind: message.chat.kind, id: message.chat.id },
        ...(message.guildId ? { guildId: message.guildId } : {}),
        ...(message.teamId ? { teamId: message.teamId } : {}),
      },
      {
        bindings: Array.isArray(loaded.config.bindings) ? loaded.config.bindings : [],
        defaultAgentId: roster.defaultAgentId,
        knownAgentIds: roster.agents.map((agent) => agent.id),
        dmScope: (session?.dmScope ?? 'main') as DmScope,
        groupScope: (session?.groupScope ?? 'per-group') as GroupScope,
      },
    );
    if (!route) {
      context.logger.warn({ channel: account.channel, accountId: account.accountId }, 'no agent for an inbound message: no binding matched and there is no default agent');
      return;
    }
    if (message.chat.kind === 'dm') {
      lastRoutes.record(route.mainSessionKey, { channel: account.channel, accountId: account.accountId, to: message.replyTarget, updatedAt: context.clock.now() });
    }
    const stream = new ReplyStream({
      limit: plugin.outbound.textChunkLimit,
      chunk: (text, limit) => plugin.outbound.chunk(text, limit),
      // A stopping account sends nothing more; its message stays pending and the next start joins the run.
      send: async (text) => {
        const visible = context.replySpeech.visibleText(text);
        if (!signal.aborted && visible.trim() !== '') await this.send(plugin, account, message.replyTarget, visible);
      },
      ...(plugin.outbound.sendTyping ? { typing: () => plugin.outbound.sendTyping!(account, message.replyTarget) } : {}),
    });
    const { done } = await this.followTurn(`${account.channel}:${account.accountId}:${message.externalId}`, route, message, account, stream, signal);
    this.flushRoutesAfterTurnStart();
    // After the turn is on its way: "typing…" is not what the person waits for.
    stream.startTyping();
    const result = await done;
    if (signal.aborted) throw new Error('the account stopped while the reply was being written');
    const note = result.status === 'ok' ? undefined : `⚠️ The agent could not answer: ${result.failure?.message ?? result.stopReason}`;
    await stream.finish(result.text, note);
    if (result.status === 'ok') await this.speakReply(plugin, account, message, result.text, signal);
  }

  /**
   * The last route's write (an SQLite commit) waits until the turn's model request is out: it was
   * on every DM's path in front of it. Routes recorded meanwhile go in the same transaction.
   */
  private flushRoutesAfterTurnStart(): void {
    if (this.routesFlushQueued) return;
    this.routesFlushQueued = true;
    void afterTurnStart().then(() => {
      this.routesFlushQueued = false;
      try {
        this.options.lastRoutes.flush();
      } catch (error) {
        // Kept for the flush at the end of the message, which fails the message if it fails again.
        this.options.context.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'writing the last route failed');
      }
    });
  }

  /** `messages.tts.auto`: the reply's audio after its text, where the channel can send audio. */
  private async speakReply(plugin: ChannelPlugin, account: ChannelAccount, message: InboundMessage, text: string, signal: AbortSignal): Promise<void> {
    const sendAudio = plugin.outbound.sendAudio;
    if (!sendAudio) return;
    const audio = await this.options.context.replySpeech.speak({ channel: account.channel, text, inboundVoice: message.voice === true });
    if (!audio || signal.aborted) return;
    try {
      await recordedSend(this.options.status, this.options.context.clock.now, account, () => sendAudio(account, message.replyTarget, audio));
    } catch (error) {
      // The text went out; a refused voice note is not a reason to answer the message again.
      this.options.context.logger.warn({ channel: account.channel, accountId: account.accountId, error: plugin.status.describeError(error) }, 'the spoken reply was not sent');
    }
  }

  /**
   * Starts the turn, or — after a restart — joins the run this message already started; resolves
   * once it runs, with the promise of its end.
   */
  private async followTurn(
    runId: string,
    route: { agentId: string; sessionKey: string },
    message: InboundMessage,
    account: ChannelAccount,
    stream: ReplyStream,
    signal: AbortSignal,
  ): Promise<{ done: Promise<TurnOutcome> }> {
    const { context } = this.options;
    const active = context.agents.findAny(runId);
    if (active) {
      active.observe(stream.observe);
      return { done: active.done };
    }
    // By its key (turns run as kind "agent"): runs.find(runId) scans every run ever stored, which
    // the profile of a busy channel showed growing with each message.
    const storedRun = () => context.store.runs.get('agent', runId);
    let stored = storedRun();
    // Accepted by a previous process and not finished: the runtime starts it again just after start-up.
    for (let waited = 0; stored && stored.endedAtMs === undefined && waited < 10_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const resumed = context.agents.findAny(runId);
      if (resumed) {
        resumed.observe(stream.observe);
        return { done: resumed.done };
      }
      stored = storedRun();
    }
    if (stored) {
      const outcome = stored.outcome as Partial<RunResult> | undefined;
      return { done: Promise.resolve({ status: outcome?.status ?? (stored.status === 'ok' ? 'ok' : 'error'), text: outcome?.text ?? '', stopReason: stored.stopReason ?? 'stop', ...(stored.error ? { failure: { message: stored.error } as RunResult['failure'] } : {}) }) };
    }
    const images = message.images && message.images.length > 0 ? await loadInboundImages(message.images, signal) : { attachments: [], notes: [] };
    const submit = (attachments: readonly ImageAttachment[], notes: readonly string[]) =>
      context.turns.submit({
        origin: { kind: 'channel', id: `${account.channel}:${account.accountId}` },
        message: notes.length > 0 ? `${message.text}\n\n${notes.join('\n')}` : message.text,
        ...(attachments.length > 0 ? { attachments } : {}),
        agentId: route.agentId,
        sessionKey: route.sessionKey,
        runId,
        extraSystemPrompt: `This message came from ${account.channel} (${message.chat.kind === 'dm' ? 'a direct message' : `the ${message.chat.kind} "${message.chat.title ?? message.chat.id}"`}) from ${message.sender.label}. Your reply is sent back there.`,
      });
    let turn: SubmittedTurn;
    try {
      turn = submit(images.attachments, images.notes);
    } catch (error) {
      // The agent's model takes no images: the text still goes, saying the photo was left out.
      if (images.attachments.length === 0 || !(error instanceof GatewayError) || !/does not accept images/.test(error.message)) throw error;
      turn = submit([], [...images.notes, `[${images.attachments.length === 1 ? 'an image' : `${images.attachments.length} images`} not passed on: ${error.message}]`]);
    }
    turn.follow(stream.observe);
    return { done: turn.done };
  }

  private async send(plugin: ChannelPlugin, account: ChannelAccount, to: string, text: string): Promise<void> {
    await recordedSend(this.options.status, this.options.context.clock.now, account, () => plugin.outbound.sendText(account, to, text));
  }
}
