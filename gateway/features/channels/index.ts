import { defineFeature, type FeatureContext } from '../../composition/feature-context.js';
import { CHANNELS_MIGRATIONS } from './channels-migrations.js';
import { channelDeliveryOf } from './channel-delivery.js';
import { channelsMethods } from './channels-methods.js';
import { ChannelsService, type ChannelsContext } from './channels-service.js';
import { outboundMethods } from './outbound-methods.js';
import { pairingMethods } from './pairing-methods.js';
import { discordPlugin } from './discord/index.js';
import { telegramPlugin } from './telegram/index.js';

/** Every channel this gateway can run; a channel is one folder and one entry here. */
const CHANNEL_PLUGINS = [telegramPlugin, discordPlugin];

/** Chat channels (Telegram, Discord): accounts, inbound routing, sender pairing, `channels.*`, `send`, `poll`. */
export const channelsFeature = defineFeature({
  name: 'channels',
  migrations: CHANNELS_MIGRATIONS,
  create: (context: ChannelsContext & Pick<FeatureContext, 'delivery'>) => {
    const service = new ChannelsService(context, CHANNEL_PLUGINS);
    context.delivery.provide(channelDeliveryOf(service));
    return {
      methods: () => [...channelsMethods(service), ...pairingMethods(service), ...outboundMethods(service)],
      httpRoutes: () => service.webhooks.routes(service.configuredWebhookPaths()),
      start: () => service.start(),
      stop: () => service.stop(),
      status: () => Object.fromEntries(service.manager.plugins.map((plugin) => [plugin.id, service.manager.status.byChannel(plugin.id)])),
    };
  },
});
