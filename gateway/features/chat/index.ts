import { defineFeature } from '../../composition/feature-context.js';
import { chatMethods, type ChatContext } from './chat-methods.js';

/** The chat surface over agent runs: `chat.send`, `chat.history`, `chat.abort`. */
export const chatFeature = defineFeature({
  name: 'chat',
  create: (context: ChatContext) => ({ methods: () => chatMethods(context) }),
});
