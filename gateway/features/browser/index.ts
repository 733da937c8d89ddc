import { BrowserRequestParams } from '../../../shared/protocol/browser/params.js';
import { defineFeature, type FeatureContext } from '../../composition/feature-context.js';
import { defineMethod } from '../../core/router/method-definition.js';
import { BrowserRelay, browserFilesDir } from './browser-request.js';

/** Browser control through a node (openclaw-families.md §8): `browser.request`. */
export const browserFeature = defineFeature({
  name: 'browser',
  create: (context: Pick<FeatureContext, 'config' | 'nodes'>) => {
    const relay = new BrowserRelay({
      nodes: context.nodes,
      filesDir: browserFilesDir(context.config.stateDir),
      enabled: () => context.config.current().config.browser?.enabled !== false,
    });
    return {
      methods: () => [
        defineMethod({
          name: 'browser.request',
          params: BrowserRequestParams,
          handler: ({ params }) => relay.request(params),
        }),
      ],
    };
  },
});
