import { ErrorCode, GatewayError } from '../../../shared/protocol/error-codes.js';
import { OPERATOR_SCOPES, scopeSatisfied } from '../../../shared/protocol/scopes.js';
import { TalkConfigParams, TalkModeParams } from '../../../shared/protocol/talk/params.js';
import { defineFeature, type FeatureContext } from '../../composition/feature-context.js';
import { missingScopeError } from '../../core/router/dispatch.js';
import { defineMethod } from '../../core/router/method-definition.js';
import { redactTalkSettings, readTalkSettings } from './talk-settings.js';

const MOBILE_PLATFORM = /^(ios|ipados|android)/i;

/**
 * Talk mode (openclaw-families.md §5). Talk itself runs in the client — speech to text,
 * `chat.send`, speech out — so the gateway only records and announces the mode and hands out the
 * talk config. `talk.speak` is served by the tts feature, which owns speech synthesis.
 */
export const talkFeature = defineFeature({
  name: 'talk',
  create: (context: Pick<FeatureContext, 'config' | 'events' | 'clock' | 'nodes'>) => {
    /** A browser chat has no microphone pipeline of its own: it talks through a phone node. */
    const mobileNodeConnected = () => context.nodes.registry.all().some((node) => MOBILE_PLATFORM.test(node.metadata.platform ?? ''));
    return {
      methods: () => [
        defineMethod({
          name: 'talk.mode',
          params: TalkModeParams,
          handler: ({ params, session }) => {
            if (session.client.mode === 'webchat' && !mobileNodeConnected()) {
              throw new GatewayError(ErrorCode.unavailable, 'talk disabled: no connected iOS/Android nodes');
            }
            const mode = { enabled: params.enabled, phase: params.phase ?? null, ts: context.clock.now() };
            context.events.broadcast('talk.mode', mode);
            return mode;
          },
        }),
        defineMethod({
          name: 'talk.config',
          params: TalkConfigParams,
          handler: ({ params, session }) => {
            // v4 asks operator.talk.secrets for the key in clear; our scope set has admin for that.
            if (params.includeSecrets && !scopeSatisfied(OPERATOR_SCOPES.admin, session.scopes)) {
              const shape = missingScopeError(OPERATOR_SCOPES.admin, session.protocol);
              throw new GatewayError(shape.code, `${shape.message} (includeSecrets)`, { details: shape.details });
            }
            const settings = readTalkSettings(context.config.current().config.talk);
            const talk = params.includeSecrets ? settings : redactTalkSettings(settings);
            return { config: { ...(Object.keys(talk).length > 0 ? { talk } : {}), session: { mainKey: 'main' } } };
          },
        }),
      ],
    };
  },
});
