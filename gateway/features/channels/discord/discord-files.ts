import type { APIAttachment } from 'discord-api-types/v10';
import type { ChannelAccount, InboundImage } from '../channel-plugin.js';
import { downloadCapped } from '../capped-download.js';
import { DISCORD_DEFAULT_API_ROOT } from './discord-accounts.js';

/** Where Discord serves attachments; a URL elsewhere (other than the account's own API root) is not fetched. */
const DISCORD_CDN_HOSTS = new Set(['cdn.discordapp.com', 'media.discordapp.net']);

/** The attachment's URL when it points at Discord's CDN (or the configured API server, a self-hosted or test one). */
export function attachmentUrl(account: ChannelAccount, attachment: Pick<APIAttachment, 'url'>): string | undefined {
  let url: URL;
  try {
    url = new URL(attachment.url);
  } catch {
    return undefined;
  }
  if (url.protocol === 'https:' && DISCORD_CDN_HOSTS.has(url.hostname)) return url.href;
  const apiRoot = account.settings.apiRoot ?? DISCORD_DEFAULT_API_ROOT;
  return apiRoot !== DISCORD_DEFAULT_API_ROOT && url.origin === new URL(apiRoot).origin ? url.href : undefined;
}

/** A Discord image attachment, downloaded when the message is handled. */
export function discordImage(account: ChannelAccount, attachment: APIAttachment): InboundImage {
  return {
    fileName: attachment.filename,
    ...(attachment.content_type ? { mimeType: attachment.content_type } : {}),
    size: attachment.size,
    download(maxBytes, signal) {
      const url = attachmentUrl(account, attachment);
      if (!url) return Promise.reject(new Error('the attachment is not on Discord\'s CDN'));
      return downloadCapped(url, maxBytes, signal);
    },
  };
}
