import { startDiscordFake, startTelegramFake, type RunningChatFake } from './chat-fakes.js';
import { DISCORD_SCENARIOS, SCENARIOS, type ChannelsScenario } from './settings.js';

export type ChannelName = 'telegram' | 'discord';

/** Each channel against its own fake and its own gateway, one after the other, at its rates. */
export const CHANNELS: readonly { name: ChannelName; start: () => Promise<RunningChatFake>; scenarios: readonly ChannelsScenario[] }[] = [
  { name: 'telegram', start: startTelegramFake, scenarios: SCENARIOS },
  { name: 'discord', start: startDiscordFake, scenarios: DISCORD_SCENARIOS },
];
