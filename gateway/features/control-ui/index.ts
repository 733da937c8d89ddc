import { defineFeature } from '../../composition/feature-context.js';
import type { HttpRoute } from '../../core/server/http-routes.js';
import { controlUiRoot } from './bundle-root.js';
import { LOGIN_CODE_PATH, mintLoginCode } from './login-code-route.js';
import { HOST_HEADER_FALLBACK_WARNING, hostHeaderOriginFallback } from './origin-fallback-warning.js';
import { serveUi } from './ui-route.js';

/**
 * The browser Control UI on the gateway's own port (config.md §2.3): the built bundle at
 * `gateway.controlUi.basePath`, and the login-code route `gatehouse dashboard` uses. Its routes
 * are read from the config on every request, so `controlUi.enabled` applies without a restart.
 */
export const controlUiFeature = defineFeature({
  name: 'control-ui',
  create: ({ config, devices, logger }) => {
    // Where the package's own bundle is does not change while the process runs.
    const packagedRoot = controlUiRoot(undefined);
    const httpRoutes = (): readonly HttpRoute[] => {
      const settings = config.settings().controlUi;
      if (!settings.enabled) return [];
      const { basePath } = settings;
      const root = settings.root ?? packagedRoot;
      return [
        {
          path: `${basePath}${LOGIN_CODE_PATH}`,
          methods: ['POST'],
          auth: 'gateway-secret',
          handle: (request, response) => mintLoginCode(request, response, { basePath, loginCodes: devices.loginCodes, logger }),
        },
        {
          path: basePath === '/' ? '/' : basePath.slice(0, -1),
          prefix: true,
          methods: ['GET', 'HEAD'],
          handle: (request, response, path) => serveUi(request, response, path, { basePath, root }),
        },
      ];
    };
    let unsubscribe: (() => void) | undefined;
    const warnFallback = (): void => logger.warn({ setting: 'gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback' }, HOST_HEADER_FALLBACK_WARNING);
    return {
      methods: () => [],
      httpRoutes,
      start: () => {
        if (hostHeaderOriginFallback(config.current())) warnFallback();
        unsubscribe = config.subscribe(({ next, previous }) => {
          if (hostHeaderOriginFallback(next) && !hostHeaderOriginFallback(previous)) warnFallback();
        });
      },
      stop: () => {
        unsubscribe?.();
        unsubscribe = undefined;
      },
    };
  },
});
