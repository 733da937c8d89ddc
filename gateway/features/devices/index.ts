import { defineFeature } from '../../composition/feature-context.js';
import { deviceMethods, type DeviceContext } from './devices-methods.js';

/** Paired devices and their tokens: `device.pair.*`, `device.token.*`. */
export const devicesFeature = defineFeature({
  name: 'devices',
  create: (context: DeviceContext) => ({ methods: () => deviceMethods(context) }),
});
