import { VoicewakeGetParams, VoicewakeSetParams } from '../../../shared/protocol/voicewake/params.js';
import { defineFeature, type FeatureContext } from '../../composition/feature-context.js';
import { defineMethod } from '../../core/router/method-definition.js';
import { VoicewakeStore } from './voicewake-store.js';

/**
 * Voice wake words (openclaw-families.md §5): `voicewake.get`/`set`, persisted in the state dir;
 * a change is broadcast as `voicewake.changed`, and every node gets the current list right after
 * it connects (OpenClaw's message-handler does the same), so its wake listener matches.
 */
export const voicewakeFeature = defineFeature({
  name: 'voicewake',
  create: (context: Pick<FeatureContext, 'config' | 'events' | 'clock' | 'nodes'>) => {
    const store = new VoicewakeStore(context.config.stateDir, () => context.clock.now());
    return {
      methods: () => [
        defineMethod({
          name: 'voicewake.get',
          params: VoicewakeGetParams,
          handler: () => ({ triggers: store.get() }),
        }),
        defineMethod({
          name: 'voicewake.set',
          params: VoicewakeSetParams,
          controlPlaneWrite: true,
          handler: async ({ params }) => {
            const triggers = await store.set(params.triggers);
            context.events.broadcast('voicewake.changed', { triggers });
            // Nodes are not operators: the bus does not reach them, so each gets it directly.
            for (const node of context.nodes.registry.all()) node.socket.sendDirectEvent('voicewake.changed', { triggers });
            return { triggers };
          },
        }),
      ],
      connectionReady: (connection) => {
        if (connection.session?.role === 'node') connection.sendDirectEvent('voicewake.changed', { triggers: store.get() });
      },
    };
  },
});
