import type { RunningChatFake } from './chat-fakes.js';
import { startChatFakeThread } from './fake-thread.js';
import { DISCORD_SCENARIOS, SCENARIOS, type ChannelsScenario } from './settings.js';

export type ChannelName = 'telegram' | 'discord';

/** Each channel against its own fake (on a thread of its own) and its own gateway, one after the other, at its rates. */
export const CHANNELS: readonly { name: ChannelName; start: () => Promise<RunningChatFake>; scenarios: readonly ChannelsScenario[] }[] = [
  { name: 'telegram', start: () => startChatFakeThread('telegram'), scenarios: SCENARIOS },
  { name: 'discord', start: () => startChatFakeThread('discord'), scenarios: DISCORD_SCENARIOS },
];
