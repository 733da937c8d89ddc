import { defineFeature } from '../../composition/feature-context.js';
import { systemMethods, type SystemContext } from './system-methods.js';

/** Events clients report into the agent's next turn and the presence table: `system-event`. */
export const systemFeature = defineFeature({
  name: 'system',
  create: (context: SystemContext) => ({ methods: () => systemMethods(context) }),
});
