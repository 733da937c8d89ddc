import { defineFeature } from '../../composition/feature-context.js';
import { usageMethods, type UsageContext } from './usage-methods.js';

/** Token use and cost: `usage.status`, `usage.cost`. */
export const usageFeature = defineFeature({
  name: 'usage',
  create: (context: UsageContext) => ({ methods: () => usageMethods(context) }),
});
