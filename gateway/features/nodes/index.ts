import { defineFeature } from '../../composition/feature-context.js';
import { nodePairingMethods, type NodePairingContext } from './node-pairing-methods.js';
import { nodeMethods, type NodeContext } from './nodes-methods.js';

/** Nodes (devices that run commands for the agent) and their pairing: `node.*`, `node.pair.*`. */
export const nodesFeature = defineFeature({
  name: 'nodes',
  create: (context: NodeContext & NodePairingContext) => ({
    methods: () => [...nodeMethods(context), ...nodePairingMethods(context)],
    connectionReady: (connection) => {
      if (connection.session?.role === 'node') context.nodes.attach(connection);
    },
    connectionClosed: (connection) => context.nodes.detach(connection),
  }),
});
