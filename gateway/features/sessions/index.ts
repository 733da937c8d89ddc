import { defineFeature } from '../../composition/feature-context.js';
import { sessionMethods, type SessionContext } from './sessions-methods.js';

/** Sessions and transcripts: `sessions.*`. */
export const sessionsFeature = defineFeature({
  name: 'sessions',
  create: (context: SessionContext) => ({ methods: () => sessionMethods(context) }),
});
