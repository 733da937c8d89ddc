import Type, { type TProperties } from 'typebox';
import {
  SenderIdList,
  oneOf,
  pathString,
  section,
  secretInput,
  stringMap,
} from './primitives.js';

// config.md §8: the shared envelope plus the Telegram and Discord keys Gatehouse reads.

export const DM_POLICIES = ['pairing', 'allowlist', 'open', 'disabled'] as const;
export const GROUP_POLICIES = ['allowlist', 'open', 'disabled'] as const;

const envelopeProperties = {
  enabled: Type.Optional(Type.Boolean()),
  dmPolicy: Type.Optional(oneOf(DM_POLICIES)),
  allowFrom: Type.Optional(SenderIdList),
  groupPolicy: Type.Optional(oneOf(GROUP_POLICIES)),
  groupAllowFrom: Type.Optional(SenderIdList),
  // In groups, answer only when mentioned or replied to (default true).
  requireMention: Type.Optional(Type.Boolean()),
};

/** OpenClaw per-channel keys Gatehouse's transports do not read. */
const IGNORED_CHANNEL_KEYS = [
  'name', 'capabilities', 'markdown', 'commands', 'customCommands', 'configWrites', 'groups',
  'replyToMode', 'historyLimit', 'dmHistoryLimit', 'dms', 'textChunkLimit', 'chunkMode',
  'streaming', 'streamMode', 'blockStreaming', 'blockStreamingCoalesce', 'draftChunk',
  'mediaMaxMb', 'timeoutSeconds', 'retry', 'network', 'proxy', 'actions',
  'reactionNotifications', 'reactionLevel', 'heartbeat', 'linkPreview', 'responsePrefix',
  'ackReaction', 'execApprovals', 'threadBindings', 'defaultTo', 'webhookPath', 'webhookHost',
  'webhookPort', 'allowBots', 'maxLinesPerMessage', 'guilds', 'agentComponents', 'ui',
  'intents', 'voice', 'pluralkit', 'activity', 'status', 'activityType', 'activityUrl',
] as const;

/** A channel block: its own keys, the envelope, and `accounts.<id>` with the same keys. */
function channelSchema<T extends TProperties>(credentialProperties: T) {
  const accountProperties = { ...envelopeProperties, ...credentialProperties };
  // A key a channel reads (Discord's `guilds`) is validated, not ignored.
  const ignored = IGNORED_CHANNEL_KEYS.filter((key) => !(key in credentialProperties));
  const AccountSchema = section(accountProperties, { ignored });
  return section(
    {
      ...accountProperties,
      accounts: Type.Optional(stringMap(AccountSchema)),
      defaultAccount: Type.Optional(Type.String()),
    },
    { ignored },
  );
}

export const TelegramChannelSchema = channelSchema({
  botToken: Type.Optional(secretInput('Bot token; env fallback TELEGRAM_BOT_TOKEN (default account only).')),
  tokenFile: Type.Optional(pathString('File holding the bot token (regular file, no symlink).')),
  webhookUrl: Type.Optional(Type.String()),
  webhookSecret: Type.Optional(secretInput()),
  // Where the gateway's port receives the webhook posts when a proxy maps webhookUrl's path elsewhere:
  // segments of letters, digits and . _ ~ -, no `.`/`..` segment, no `//`.
  webhookPath: Type.Optional(Type.String({
    pattern: '^(?!.*//)(?!(.*/)?\\.\\.?(/|$))/[A-Za-z0-9._~/-]{1,200}$',
    description: 'Path on the gateway port that receives Telegram webhook posts (default: the path of webhookUrl, else /telegram-webhook).',
  })),
  // A self-hosted Bot API server (or a test's fake); default https://api.telegram.org.
  apiRoot: Type.Optional(Type.String({ pattern: '^https?://' })),
});

/** OpenClaw per-guild / per-channel keys Gatehouse does not read. */
const IGNORED_GUILD_KEYS = ['slug', 'enabled', 'reactionNotifications', 'tools', 'toolsBySender', 'systemPrompt', 'skills', 'roles', 'autoThread', 'ignoreOtherMentions', 'includeThreadStarter'] as const;

const DiscordGuildChannelSchema = section(
  { allow: Type.Optional(Type.Boolean()), requireMention: Type.Optional(Type.Boolean()), users: Type.Optional(SenderIdList) },
  { ignored: IGNORED_GUILD_KEYS },
);

/** `guilds.<guildId>`: listing a guild admits it under groupPolicy allowlist; `channels` narrows it to those channels. */
const DiscordGuildSchema = section(
  {
    requireMention: Type.Optional(Type.Boolean()),
    users: Type.Optional(SenderIdList),
    channels: Type.Optional(stringMap(DiscordGuildChannelSchema)),
  },
  { ignored: IGNORED_GUILD_KEYS },
);

export const DiscordChannelSchema = channelSchema({
  token: Type.Optional(secretInput('Bot token; env fallback DISCORD_BOT_TOKEN (default account only).')),
  // Discord's REST and gateway root (or a test's fake); default https://discord.com.
  apiRoot: Type.Optional(Type.String({ pattern: '^https?://' })),
  guilds: Type.Optional(stringMap(DiscordGuildSchema)),
  // Legacy DM settings, read when dmPolicy/allowFrom are unset.
  dm: Type.Optional(
    section(
      { policy: Type.Optional(oneOf(DM_POLICIES)), allowFrom: Type.Optional(SenderIdList), enabled: Type.Optional(Type.Boolean()) },
      { ignored: ['groupEnabled', 'groupChannels'] },
    ),
  ),
});

export const ChannelsSchema = section(
  {
    defaults: Type.Optional(
      section({ groupPolicy: Type.Optional(oneOf(GROUP_POLICIES)) }, { ignored: ['heartbeat', 'contextVisibility'] }),
    ),
    telegram: Type.Optional(TelegramChannelSchema),
    discord: Type.Optional(DiscordChannelSchema),
  },
  // Channel ids are open-ended in OpenClaw (plugins add them); any other id is ignored.
  { ignored: '*' },
);
