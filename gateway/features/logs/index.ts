import { defineFeature } from '../../composition/feature-context.js';
import { logsMethods, type LogsContext } from './logs-methods.js';

/** The gateway's own log file, paged: `logs.tail`. */
export const logsFeature = defineFeature({
  name: 'logs',
  create: (context: LogsContext) => ({ methods: () => logsMethods(context) }),
});
