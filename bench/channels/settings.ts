/** The targets: gateway overhead on inbound message → first reply chunk sent, over the model's own time. */
export const TARGETS = { overheadP50Ms: 5, overheadP99Ms: 25 } as const;

/** Distinct chats (Telegram DMs, one session each) the messages are spread over. */
export const CHATS = 50;

export interface ChannelsScenario {
  readonly key: 'rate1' | 'high';
  readonly title: string;
  readonly messagesPerSecond: number;
  readonly messages: number;
  /** Not measured: the first turns of the scenario (code paths still warming up). Every chat's session exists already (prime-chats.ts). */
  readonly warmup: number;
  /** How long the last reply may take after the last message before it counts as dropped. */
  readonly drainTimeoutMs: number;
}

/**
 * The rates: 1 message/s for 30 s and 100 messages/s for 10 s, both spread round-robin
 * over 50 chats. Each chat is its own session (`session.dmScope: per-peer`), as 50 people writing
 * to one bot are.
 */
export const SCENARIOS: readonly ChannelsScenario[] = [
  { key: 'rate1', title: '1 msg/s over 50 chats', messagesPerSecond: 1, messages: 30, warmup: 3, drainTimeoutMs: 15_000 },
  { key: 'high', title: '100 msg/s over 50 chats', messagesPerSecond: 100, messages: 1_000, warmup: 50, drainTimeoutMs: 30_000 },
];

/**
 * Discord allows a bot 50 REST requests a second in all (its global rate limit, which
 * @discordjs/rest enforces on the client side too), and every reply is one: 100 replies a second
 * cannot be sent, so Discord's high rate is 40 messages/s for 10 s.
 */
export const DISCORD_SCENARIOS: readonly ChannelsScenario[] = [
  SCENARIOS[0]!,
  { key: 'high', title: '40 msg/s over 50 chats', messagesPerSecond: 40, messages: 400, warmup: 20, drainTimeoutMs: 30_000 },
];

/** Runs allowed at once: above the 50 chats, so no turn waits for a free slot. */
export const GATEWAY_MAX_CONCURRENT = 64;
