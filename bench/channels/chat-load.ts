import { setTimeout as sleep } from 'node:timers/promises';
import { preciseNow } from '../../test/fixtures/telegram-bot-api/index.js';
import { distribution, type Distribution } from '../percentiles.js';
import { readCpuSeconds } from '../process-stats.js';
import type { ChannelsModelStub } from './model-stub.js';
import { CHATS, type ChannelsScenario } from './settings.js';

const REPLY_MARKER = /bench-(\d+)/;

/** A channel's fake as the load needs it: a person writes, the bot's replies are seen. */
export interface ChatFake {
  /** Person `chat` (0 … CHATS - 1) writes `text` to the bot in their DM. */
  send(chat: number, text: string): void;
  /** Calls `listener` with the text of every message sent and the time the fake handed it to the bot; returns the unsubscribe. */
  onDelivered(listener: (text: string, at: number) => void): () => void;
  /** Calls `listener` with the text and arrival time of every reply the bot posts; returns the unsubscribe. */
  onReply(listener: (text: string, at: number) => void): () => void;
  /** Forgets what the fake recorded. */
  clear(): void;
}

export interface ScenarioMeasurement {
  readonly messages: number;
  readonly measured: number;
  /** Messages with no reply before the drain timeout. */
  readonly dropped: number;
  /** Reply chunks that named a message already answered. */
  readonly duplicated: number;
  /** Inbound message written at the fake → first reply chunk read by the fake. */
  readonly endToEndMs: Distribution;
  /** The model's own time: its request arrived → it wrote [DONE]. */
  readonly modelMs: Distribution;
  /** End to end − the model's own time: what the gateway (and the Bot API hops) add. */
  readonly overheadMs: Distribution;
  /** Inbound leg: message at the fake → the model has the turn's request. */
  readonly inboundLegMs: Distribution;
  /** Outbound leg: the model wrote [DONE] → the fake has the reply chunk. */
  readonly outboundLegMs: Distribution;
  readonly offeredPerSecond: number;
  readonly gatewayCpuPercent?: number;
}

let nextMessage = 1;

/**
 * Sends `scenario.messages` user messages through a channel's fake at a steady rate, round-robin
 * over the chats (absolute schedule: a late timer does not slow the rest), and times each one to
 * the first reply that carries its marker.
 */
export async function measureChatLoad(fake: ChatFake, model: ChannelsModelStub, scenario: ChannelsScenario, gatewayPid: number | undefined): Promise<ScenarioMeasurement> {
  // Both times are the fake's own stamps (fake-thread.ts): the load's thread only paces the messages.
  const sent = new Set<number>();
  const injectedAt = new Map<number, number>();
  const answeredAt = new Map<number, number>();
  let duplicated = 0;
  const stopDelivered = fake.onDelivered((text, at) => {
    const id = Number(REPLY_MARKER.exec(text)?.[1]);
    if (sent.has(id)) injectedAt.set(id, at);
  });
  const stopReplies = fake.onReply((text, at) => {
    const id = Number(REPLY_MARKER.exec(text)?.[1]);
    if (!sent.has(id)) return;
    if (answeredAt.has(id)) duplicated += 1;
    else answeredAt.set(id, at);
  });
  const stopListening = () => {
    stopDelivered();
    stopReplies();
  };
  const intervalMs = 1_000 / scenario.messagesPerSecond;
  const ids: number[] = [];
  const cpuBefore = gatewayPid === undefined ? undefined : readCpuSeconds(gatewayPid);
  const started = preciseNow();
  try {
    for (let index = 0; index < scenario.messages; index += 1) {
      const due = started + index * intervalMs;
      const wait = due - preciseNow();
      if (wait > 0) await sleep(wait);
      const id = nextMessage++;
      ids.push(id);
      sent.add(id);
      fake.send(index % CHATS, `hello bench-${id}`);
    }
    const sentFor = preciseNow() - started;
    const deadline = preciseNow() + scenario.drainTimeoutMs;
    while (answeredAt.size < ids.length && preciseNow() < deadline) await sleep(20);
    // Give a duplicate a moment to show up.
    await sleep(200);
    const cpuAfter = gatewayPid === undefined ? undefined : readCpuSeconds(gatewayPid);
    const elapsedMs = preciseNow() - started;

    const judged = ids.slice(scenario.warmup);
    const endToEnd: number[] = [];
    const modelOwn: number[] = [];
    const overhead: number[] = [];
    const inbound: number[] = [];
    const outbound: number[] = [];
    for (const id of judged) {
      const sent = injectedAt.get(id);
      const answered = answeredAt.get(id);
      const timing = model.timings.get(id);
      if (sent === undefined || answered === undefined || timing === undefined) continue;
      const total = answered - sent;
      const own = timing.doneAt - timing.receivedAt;
      endToEnd.push(total);
      modelOwn.push(own);
      overhead.push(total - own);
      inbound.push(timing.receivedAt - sent);
      outbound.push(answered - timing.doneAt);
    }
    return {
      messages: ids.length,
      measured: endToEnd.length,
      dropped: ids.filter((id) => !answeredAt.has(id)).length,
      duplicated,
      endToEndMs: distribution(endToEnd),
      modelMs: distribution(modelOwn),
      overheadMs: distribution(overhead),
      inboundLegMs: distribution(inbound),
      outboundLegMs: distribution(outbound),
      offeredPerSecond: (ids.length / sentFor) * 1_000,
      ...(cpuBefore !== undefined && cpuAfter !== undefined ? { gatewayCpuPercent: ((cpuAfter - cpuBefore) * 100_000) / elapsedMs } : {}),
    };
  } finally {
    stopListening();
    fake.clear();
  }
}
