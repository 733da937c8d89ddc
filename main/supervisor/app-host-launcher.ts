/**
 * GatewayLauncher that runs the gateway in a second, windowless instance of the app itself
 * (`<app> --gatehouse-gateway-host`, see main/gateway-host.ts), detached from this one. Unlike a
 * utility process, which Electron ends with the app, this process can be left running when the
 * person quits the app and chooses to keep the gateway — and it needs neither a Node install
 * nor the ELECTRON_RUN_AS_NODE fuse (off, see electron-builder.yml).
 */
import { spawnGateway } from './child-process-launcher.js';
import type { GatewayLauncher, GatewayLaunchRequest, LaunchedGateway } from './gateway-launcher.js';

/** The argument that makes the app start as the gateway host instead of the tray app. */
export const GATEWAY_HOST_FLAG = '--gatehouse-gateway-host';

export interface AppHostLauncherOptions {
  /** `process.execPath`: the app's own executable. */
  executable: string;
  /** Arguments before the flag: the app folder when running unpackaged (`electron .`), none when packaged. */
  leadingArgs: readonly string[];
  baseEnv?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

export class AppHostLauncher implements GatewayLauncher {
  readonly description: string;
  readonly #options: AppHostLauncherOptions;

  constructor(options: AppHostLauncherOptions) {
    this.#options = options;
    this.description = `${options.executable} ${[...options.leadingArgs, GATEWAY_HOST_FLAG].join(' ')}`;
  }

  launch(request: GatewayLaunchRequest): LaunchedGateway {
    const env: Record<string, string | undefined> = { ...(this.#options.baseEnv ?? process.env), ...request.env };
    // A host started with this set would be plain Node and never reach the host code.
    delete env['ELECTRON_RUN_AS_NODE'];
    return spawnGateway(this.#options.executable, [...this.#options.leadingArgs, GATEWAY_HOST_FLAG], env, {
      ...(this.#options.cwd === undefined ? {} : { cwd: this.#options.cwd }),
      detached: true,
    });
  }
}
