/**
 * Picks how to launch the gateway from the quit preference at launch time: a gateway the person
 * always wants stopped on quit runs as a utility process (ended with the app, whatever happens to
 * it); one they may want to keep ("ask", "leave it running") runs where it can outlive the app.
 */
import type { GatewayLauncher, GatewayLaunchRequest, LaunchedGateway } from './gateway-launcher.js';

export type QuitBehavior = 'ask' | 'stop-gateway' | 'leave-running';

export interface QuitAwareLauncherOptions {
  quitBehavior: () => QuitBehavior;
  /** For "stop the gateway": ends with the app. */
  endsWithApp: GatewayLauncher;
  /** For "ask" and "leave it running": its launches have `detach()`. */
  canOutliveApp: GatewayLauncher;
}

export class QuitAwareLauncher implements GatewayLauncher {
  readonly #options: QuitAwareLauncherOptions;

  constructor(options: QuitAwareLauncherOptions) {
    this.#options = options;
  }

  get description(): string {
    return this.#current().description;
  }

  get listeningLine(): RegExp | undefined {
    return this.#current().listeningLine;
  }

  launch(request: GatewayLaunchRequest): LaunchedGateway {
    return this.#current().launch(request);
  }

  #current(): GatewayLauncher {
    return this.#options.quitBehavior() === 'stop-gateway' ? this.#options.endsWithApp : this.#options.canOutliveApp;
  }
}
