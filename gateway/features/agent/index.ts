import { defineFeature } from '../../composition/feature-context.js';
import { agentMethods, type AgentContext } from './agent-methods.js';

/** Agent runs for clients: `agent`, `agent.wait`, `agent.identity.get`, `agents.list`. */
export const agentFeature = defineFeature({
  name: 'agent',
  create: (context: AgentContext) => ({ methods: () => agentMethods(context) }),
});
