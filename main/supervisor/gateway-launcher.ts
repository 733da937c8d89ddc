/**
 * How the supervisor starts a gateway process, kept behind a small interface so the same
 * supervisor runs a `child_process` under Node (tests, development), Electron's
 * `utilityProcess.fork` in the packaged app, or an external command such as
 * `openclaw gateway run`.
 */

import { READY_LINE_PATTERN } from '../../shared/gateway-host/ready-line.js';

export type GatewayOutputStream = 'stdout' | 'stderr';

export interface GatewayLaunchRequest {
  /**
   * What the gateway needs to know: `GATEHOUSE_GATEWAY_PORT`, `GATEHOUSE_STATE_DIR` and
   * `GATEHOUSE_GATEWAY_TOKEN`. Always environment, never argv, so the token does not show up in
   * `ps`. A launcher adds these to its own base environment.
   */
  env: Readonly<Record<string, string>>;
}

/** One launched process. Listeners added after the fact still hear about an exit that already happened. */
export interface LaunchedGateway {
  /** Undefined when the process could not be started at all (for example ENOENT). */
  readonly pid: number | undefined;
  /** Called once, after the output streams are drained. Both null when the launch itself failed. */
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** Every output line, without its newline. */
  onLine(listener: (stream: GatewayOutputStream, line: string) => void): void;
  kill(signal: NodeJS.Signals): void;
  /**
   * Present when the process can outlive the app ("leave it running" on quit): stops reading
   * its output and lets it go on alone. After this, no line and no exit is reported.
   */
  detach?(): void;
}

export interface GatewayLauncher {
  /** For logs and error messages: what gets run, without secrets. */
  readonly description: string;
  /**
   * Recognises the line a gateway prints once it listens; the first capture group, if any, is
   * its `ws://` URL. Defaults to Gatehouse's `… listening on ws://127.0.0.1:<port> …`.
   */
  readonly listeningLine?: RegExp;
  launch(request: GatewayLaunchRequest): LaunchedGateway;
}

/** `gatehouse gateway listening on ws://127.0.0.1:18789 (pid 123, …)`, and OpenClaw's similar line. */
export const DEFAULT_LISTENING_LINE = READY_LINE_PATTERN;
