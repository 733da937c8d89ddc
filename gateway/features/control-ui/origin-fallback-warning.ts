import type { LoadedConfig } from '../../core/config/index.js';

/** The setting, read from the effective config (defaults applied: off). */
export function hostHeaderOriginFallback(loaded: LoadedConfig): boolean {
  return loaded.config.gateway?.controlUi?.dangerouslyAllowHostHeaderOriginFallback === true;
}

/**
 * What the log says while gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback is on: it is
 * a security downgrade a person must not leave on by accident, so it is said at start and each
 * time a config change turns it on, with what to do instead.
 */
export const HOST_HEADER_FALLBACK_WARNING =
  'gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback is ON: any web page whose address ' +
  'points at this gateway (a DNS-rebinding site included) may open the Control UI socket from the ' +
  "browser; list the UI's real origins in gateway.controlUi.allowedOrigins and turn this off";
