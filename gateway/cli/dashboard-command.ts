/**
 * `gatehouse dashboard`: mints a one-time login code from the running gateway and opens the
 * Control UI with it, so the browser signs in without the shared token ever being in its URL bar,
 * history or the server's logs (the code rides in the fragment and works once, for 60 s).
 */
import { LoginCodeError, requestLoginCode } from '../../shared/gateway-host/login-code-client.js';
import { localTarget } from './cli-context.js';
import { openInBrowser } from './platform-opener.js';

export interface DashboardFlags {
  open?: boolean;
  url?: boolean;
  stateDir?: string;
  config?: string;
  token?: string;
  password?: string;
}

export async function runDashboard(flags: DashboardFlags): Promise<number> {
  const target = await localTarget({ stateDir: flags.stateDir, config: flags.config, token: flags.token, password: flags.password });
  const secret = target.password ?? target.token;
  if (!secret) {
    console.error('error: no gateway token or password found (pass --token, or run `gatehouse gateway token` on the gateway host)');
    return 1;
  }
  let url: string;
  try {
    ({ url } = await requestLoginCode({
      gatewayUrl: target.url,
      basePath: target.controlUiBasePath,
      secret,
      ...(target.tlsFingerprint ? { tlsFingerprint: target.tlsFingerprint } : {}),
    }));
  } catch (error) {
    if (error instanceof LoginCodeError && error.failure.kind === 'unreachable' && /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH/.test(error.message)) {
      console.error(`No gateway is running at ${target.url.replace(/^ws/, 'http')}; start it with \`gatehouse gateway run\`.`);
    } else {
      console.error(`error: ${(error as Error).message}`);
    }
    return 1;
  }
  if (flags.url) {
    console.log(url);
    return 0;
  }
  console.log(`Control UI (the sign-in link works once, within 60 s): ${url}`);
  if (flags.open !== false && !(await openInBrowser(url))) {
    console.log('Could not start a browser here; open the link above yourself.');
  }
  return 0;
}
