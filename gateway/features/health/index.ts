import { defineFeature } from '../../composition/feature-context.js';
import { healthMethods, type HealthContext } from './health-methods.js';

/** The gateway's health, status and presence: `health`, `status`, `system-presence` (`last-heartbeat` is the heartbeat feature's). */
export const healthFeature = defineFeature({
  name: 'health',
  create: (context: HealthContext) => ({ methods: () => healthMethods(context) }),
});
