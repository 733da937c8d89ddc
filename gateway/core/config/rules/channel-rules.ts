import type { ConfigRule, RuleReport } from './rule-report.js';

// config.md §8.

interface ChannelEnvelope {
  dmPolicy?: string;
  allowFrom?: Array<string | number>;
  webhookUrl?: string;
  webhookSecret?: unknown;
  accounts?: Record<string, ChannelEnvelope>;
  defaultAccount?: string;
}

/** 2026.9.6 warns (it does not reject) when a DM policy can never admit anyone. */
function checkDmPolicy(block: ChannelEnvelope, path: string, report: RuleReport): void {
  const allowFrom = block.allowFrom ?? [];
  if (block.dmPolicy === 'open' && !allowFrom.includes('*')) {
    report.warn(`${path}: dmPolicy "open" needs allowFrom to include "*"; until then every DM is dropped`);
  }
  if (block.dmPolicy === 'allowlist' && allowFrom.length === 0) {
    report.warn(`${path}: dmPolicy "allowlist" with an empty allowFrom drops every DM; add sender ids to allowFrom`);
  }
}

function checkChannel(block: ChannelEnvelope, path: string, report: RuleReport): void {
  checkDmPolicy(block, path, report);
  if (block.webhookUrl !== undefined && block.webhookSecret === undefined) {
    report.issue(`${path}.webhookSecret`, 'is required when webhookUrl is set');
  }
  const accounts = block.accounts ?? {};
  for (const [accountId, account] of Object.entries(accounts)) {
    checkDmPolicy({ ...account, dmPolicy: account.dmPolicy ?? block.dmPolicy, allowFrom: account.allowFrom ?? block.allowFrom }, `${path}.accounts.${accountId}`, report);
    if (account.webhookUrl !== undefined && account.webhookSecret === undefined) {
      report.issue(`${path}.accounts.${accountId}.webhookSecret`, 'is required when webhookUrl is set');
    }
  }
  if (block.defaultAccount !== undefined && !Object.hasOwn(accounts, block.defaultAccount)) {
    report.issue(`${path}.defaultAccount`, `must name an account in ${path}.accounts`, Object.keys(accounts));
  }
}

export const checkChannels: ConfigRule = (config, report) => {
  const channels = config.channels;
  if (!channels) return;
  if (channels.telegram) checkChannel(channels.telegram, 'channels.telegram', report);
  if (channels.discord) checkChannel(channels.discord, 'channels.discord', report);
};
