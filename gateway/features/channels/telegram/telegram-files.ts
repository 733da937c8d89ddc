import type { ChannelAccount, InboundImage } from '../channel-plugin.js';
import { downloadCapped } from '../capped-download.js';
import { grammySignal, telegramApi } from './telegram-api.js';

/**
 * A Telegram file (a photo size, an image document) as an image to download when the message is
 * handled: getFile names its path, the bytes come from `<apiRoot>/file/bot<token>/<path>`. The
 * Bot API serves files of at most 20 MB this way; the cap here is the agent's, far below.
 */
export function telegramImage(account: ChannelAccount, fileId: string, meta: { fileName?: string; mimeType?: string; size?: number }): InboundImage {
  return {
    ...(meta.fileName ? { fileName: meta.fileName } : {}),
    ...(meta.mimeType ? { mimeType: meta.mimeType } : {}),
    ...(meta.size !== undefined ? { size: meta.size } : {}),
    async download(maxBytes, signal) {
      const api = await telegramApi(account);
      const file = await api.getFile(fileId, grammySignal(signal));
      if (!file.file_path) throw new Error('Telegram gave no file path (the file is too big for the Bot API)');
      if (file.file_size !== undefined && file.file_size > maxBytes) throw new Error(`the file is ${file.file_size} bytes; at most ${maxBytes} are taken`);
      const root = account.settings.apiRoot ?? 'https://api.telegram.org';
      const path = file.file_path.split('/').map(encodeURIComponent).join('/');
      return downloadCapped(`${root}/file/bot${account.settings.token ?? ''}/${path}`, maxBytes, signal);
    },
  };
}
