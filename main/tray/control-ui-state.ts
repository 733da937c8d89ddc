/**
 * The tray's view of "Open Control UI": offered whenever the app holds the gateway's token (the
 * login-code route takes nothing else), with the TLS fingerprint the gateway published in its
 * lock file, for comparing by eye with what the browser shows.
 */
import { lockFilePath, readLockOwner } from '../../shared/gateway-host/lock-file.js';
import type { ControlUiGateway } from '../operator/control-ui-login.js';
import type { TrayState } from './tray-menu-model.js';

export function controlUiTrayState(gateway: ControlUiGateway | undefined): NonNullable<TrayState['controlUi']> {
  if (gateway === undefined) return { available: false };
  const tlsFingerprint = gateway.stateDir === undefined ? undefined : readLockOwner(lockFilePath(gateway.stateDir))?.tlsFingerprint;
  return { available: true, ...(tlsFingerprint === undefined ? {} : { tlsFingerprint }) };
}
