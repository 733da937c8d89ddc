import { describe, expect, it } from 'vitest';
import { Compile } from 'typebox/compile';
import type { GatehouseConfig } from '../../../gateway/core/config/index.js';
import { TelegramChannelSchema } from '../../../gateway/core/config/schema/channels.js';
import { ChannelWebhooks } from '../../../gateway/features/channels/channel-webhooks.js';
import { listTelegramAccounts } from '../../../gateway/features/channels/telegram/telegram-accounts.js';

const TOKEN = '123456:TEST-token';
const telegramBlock = Compile(TelegramChannelSchema);

function receivingPath(telegram: Record<string, unknown>): string | undefined {
  const config = { channels: { telegram: { botToken: TOKEN, webhookSecret: 'secret_123', ...telegram } } } as unknown as GatehouseConfig;
  return listTelegramAccounts(config, {})[0]?.settings.webhookPath;
}

describe('channels.telegram.webhookPath', () => {
  it('is where the gateway receives, whatever the public URL says', () => {
    expect(receivingPath({ webhookUrl: 'https://bot.example.com/public/tg', webhookPath: '/hooks/telegram' })).toBe('/hooks/telegram');
  });

  it('falls back to the URL path, then to /telegram-webhook', () => {
    expect(receivingPath({ webhookUrl: 'https://bot.example.com/public/tg' })).toBe('/public/tg');
    expect(receivingPath({ webhookUrl: 'https://bot.example.com/' })).toBe('/telegram-webhook');
  });

  it('means nothing without webhookUrl (polling mode)', () => {
    expect(receivingPath({ webhookPath: '/hooks/telegram' })).toBeUndefined();
  });

  it('a named account can have its own', () => {
    const config = {
      channels: { telegram: { accounts: { work: { botToken: TOKEN, webhookUrl: 'https://bot.example.com/w', webhookSecret: 'secret_123', webhookPath: '/hooks/work' } } } },
    } as unknown as GatehouseConfig;
    expect(listTelegramAccounts(config, {}).find((account) => account.accountId === 'work')?.settings.webhookPath).toBe('/hooks/work');
  });

  it('the config admits plain absolute paths only', () => {
    for (const good of ['/hooks/telegram', '/a', '/telegram-webhook/work', '/v1.2/tg_bot~x']) expect(telegramBlock.Check({ webhookPath: good }), good).toBe(true);
    for (const bad of ['', '/', 'hooks', '//evil.example.com', '/a//b', '/../rpc', '/a/..', '/./a', '/a?b=1', '/a#b', '/a b', '/%2e%2e/x', `/${'a'.repeat(300)}`]) {
      expect(telegramBlock.Check({ webhookPath: bad }), bad).toBe(false);
    }
  });
});

describe('ChannelWebhooks', () => {
  const handler = async () => undefined;

  it('refuses a path outside /telegram-webhook that the listener was not started with, saying to restart', () => {
    const webhooks = new ChannelWebhooks();
    webhooks.routes(['/hooks/known']);
    expect(() => webhooks.register('/hooks/new', handler)).toThrow(/restart the gateway/);
    expect(() => webhooks.register('/hooks/known', handler)).not.toThrow();
    expect(() => webhooks.register('/telegram-webhook/added-later', handler)).not.toThrow();
  });

  it('serves a configured path as its own route and everything under the default prefix', () => {
    const routes = new ChannelWebhooks().routes(['/hooks/known', '/telegram-webhook/work', '/hooks/known']);
    expect(routes.map((route) => [route.path, route.prefix ?? false])).toEqual([
      ['/telegram-webhook', true],
      ['/hooks/known', false],
    ]);
  });
});
