import type { APIUser } from 'discord-api-types/v10';
import type { ChannelPlugin } from '../channel-plugin.js';
import { chunkText } from '../text-chunker.js';
import { discordDefaultAccountId, listDiscordAccounts } from './discord-accounts.js';
import {
  DISCORD_POLL_LIMITS,
  DISCORD_TEXT_LIMIT,
  parseDiscordTarget,
  sendDiscordAudio,
  sendDiscordMedia,
  sendDiscordPoll,
  sendDiscordText,
  sendDiscordTyping,
} from './discord-outbound.js';
import { classifyDiscordError, discordRest } from './discord-rest.js';

// @discordjs/rest and @discordjs/ws are imported only when an account starts or sends (dynamic
// imports here and in discord-rest.ts): the gateway starts without loading them.

/**
 * Discord with @discordjs/rest + @discordjs/ws (what discord.js is built on): both take a base
 * URL, so tests drive them against a local fake of Discord's REST API and gateway, and the ws
 * client does the heartbeats, reconnects and RESUMEs. DMs, guild channels, polls, typing.
 */
export const discordPlugin: ChannelPlugin = {
  id: 'discord',
  meta: { label: 'Discord', detailLabel: 'Discord Bot', order: 20 },
  capabilities: { chatTypes: ['dm', 'channel'], polls: true, media: true, edit: true, maxPollOptions: DISCORD_POLL_LIMITS.maxAnswers },
  config: {
    listAccounts: listDiscordAccounts,
    defaultAccountId: discordDefaultAccountId,
  },
  gateway: {
    start: async (context) => (await import('./discord-gateway-connection.js')).runDiscordAccount(context),
  },
  outbound: {
    textChunkLimit: DISCORD_TEXT_LIMIT,
    chunk: chunkText,
    parseTarget: parseDiscordTarget,
    targetHint: 'channel:<id>, user:<id> or <@id>, with Discord ids such as 123456789012345678',
    sendText: sendDiscordText,
    sendMedia: sendDiscordMedia,
    sendAudio: sendDiscordAudio,
    sendPoll: sendDiscordPoll,
    sendTyping: sendDiscordTyping,
  },
  status: {
    identify: async (account, signal) => {
      const me = (await (await discordRest(account)).get('/users/@me', { signal })) as APIUser;
      return { id: me.id, username: me.username };
    },
    describeError: (error) => classifyDiscordError(error).message,
  },
};
