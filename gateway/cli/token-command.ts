/** `gatehouse token` / `gatehouse gateway token`: file work only, nothing of the gateway loaded. */
import { resolveStateDir } from '../core/config/state-paths.js';
import { gatewayTokenPath, loadOrCreateGatewayToken, rotateGatewayToken } from '../../shared/gateway-host/token-file.js';

export interface TokenFlags {
  rotate?: boolean;
  stateDir?: string;
  path?: boolean;
}

export function runToken(flags: TokenFlags): void {
  const stateDir = flags.stateDir ?? resolveStateDir(process.env);
  if (flags.path) {
    console.log(gatewayTokenPath(stateDir));
    return;
  }
  if (flags.rotate) {
    const { token, path } = rotateGatewayToken(stateDir);
    console.log(token);
    console.error(`new token written to ${path}; restart the gateway (or use config.apply) for it to take effect`);
    return;
  }
  const { token, path, created } = loadOrCreateGatewayToken(stateDir);
  if (created) console.error(`generated a new gateway token in ${path}`);
  console.log(token);
}
