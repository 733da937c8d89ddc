/**
 * The user-visible strings of the chat-channel views (Settings → Channels, chat senders in the
 * Pairing panel), beside renderer/strings.ts, which holds the rest.
 */
import type { ChannelHealth } from '../shared/ipc/contract.js';

export interface HealthText {
  label: string;
  /** One line: what the state means and what to do. */
  explain: string;
}

export const channelStrings = {
  section: 'Chat channels',
  intro: 'Talk to your agent from Telegram or Discord: paste a bot token, then message the bot. New senders get a code you approve in Pairing requests.',
  offline: 'Start the gateway to see and change chat channels.',
  checkNow: 'Check now',
  checking: 'Checking…',
  checkedAt: (time: string): string => `Checked ${time}`,
  noAccount: 'No bot token yet.',
  accountLabel: 'Account',
  accountsLabel: (channel: string): string => `${channel} accounts`,
  accountName: (accountId: string, isDefault: boolean): string => (isDefault ? `${accountId} (default account)` : accountId),
  tokenLabel: (channel: string): string => `${channel} bot token`,
  tokenFact: 'Token',
  tokenState: (set: boolean, source: string | undefined): string =>
    !set ? 'not set' : source === 'env' ? 'set (from an environment variable)' : source === 'tokenFile' ? 'set (from a file)' : 'set',
  tokenPlaceholderNew: 'Paste the bot token',
  tokenPlaceholderSaved: 'Saved — paste a new one to replace it',
  tokenHelp: {
    telegram: 'From @BotFather in Telegram: /newbot, then copy the token it gives you.',
    discord: 'From the Discord developer portal: your application → Bot → Reset Token. Enable the Message Content intent.',
  } as Record<string, string>,
  tokenTooShort: 'That does not look like a bot token: it is too short.',
  tokenSpaces: 'A bot token has no spaces.',
  saveToken: 'Save token',
  replaceToken: 'Replace token',
  tokenSaved: 'Saved. The gateway connects with the new token now.',
  lastError: 'Last error',
  lastInbound: 'Last message in',
  lastOutbound: 'Last message out',
  connectedSince: 'Connected',
  never: 'never',
  probeOk: 'The platform accepted the token just now.',
  probeFailed: (detail: string | undefined): string => `The platform refused the check${detail ? `: ${detail}` : '.'}`,
  start: 'Start',
  stop: 'Stop',
  logout: 'Log out…',
  logoutConfirm: (channel: string, accountId: string): string =>
    `Log ${channel} account “${accountId}” out? The gateway stops it and forgets its chat position; the token stays in the config until you replace it.`,
  logoutConfirmAction: 'Log out',
  loggedOut: 'Logged out.',
  health: {
    connected: { label: 'Connected', explain: 'Messages to the bot reach your agent.' },
    connecting: { label: 'Connecting', explain: 'The gateway is reaching the platform; this takes a few seconds.' },
    backoff: { label: 'Retrying', explain: 'The connection dropped; the gateway retries on its own. If it keeps failing, check your network.' },
    stopped: { label: 'Stopped', explain: 'Stopped by hand. Press Start to receive messages again.' },
    unauthorized: { label: 'Token refused', explain: 'The token was revoked or mistyped: paste a new one from the platform.' },
    'rate-limited': { label: 'Rate limited', explain: 'The platform asked the bot to slow down; it resumes by itself shortly.' },
    error: { label: 'Error', explain: 'Something failed (the reason is below). Press Start to try again, or Check now.' },
    'not-configured': { label: 'No token', explain: 'Paste a bot token to connect this account.' },
    disabled: { label: 'Turned off', explain: 'This account has enabled: false in the gateway’s config.' },
    'logged-out': { label: 'Logged out', explain: 'Logged out. Press Start to connect again, or paste a new token.' },
    unknown: { label: 'Unknown', explain: 'The gateway reports a state this version of Gatehouse does not know.' },
  } satisfies Record<ChannelHealth, HealthText>,
  senders: {
    title: 'Chat senders',
    intro: 'People who messaged your bot. Approve to let them talk to your agent; they are told when you do.',
    listLabel: 'Chat senders waiting',
    fromLabel: 'From',
    idLabel: 'Sender id',
    codeLabel: 'Code',
    accountLabel: 'Bot account',
    requestedLabel: 'Asked',
    expiresLabel: 'Code expires',
    approve: 'Approve',
    dismiss: 'Dismiss',
    channelBadge: (label: string): string => label,
    name: (label: string, channel: string): string => `${label} on ${channel}`,
  },
};
