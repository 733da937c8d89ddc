/**
 * A GatewayLink is "the gateway the companion uses right now": something that reports and
 * controls its state (a GatewaySupervisor for a local gateway, the operator connection alone for
 * a remote one) plus the operator connection to it. Settings that change which gateway that is
 * (mode, port, remote URL or token, a rotated token) replace the whole link.
 */
import { loadOrCreateGatewayToken } from '../../shared/gateway-host/token-file.js';
import type { DeviceIdentityStore } from '../identity/device-identity-store.js';
import { OperatorConnection, type OperatorConnectionOptions } from '../operator/operator-connection.js';
import type { GatewayLauncher } from '../supervisor/gateway-launcher.js';
import { GatewayOutputLog } from '../supervisor/gateway-output-log.js';
import { GatewaySupervisor, type GatewaySupervisorOptions } from '../supervisor/gateway-supervisor.js';
import type { GatewayState, IntentResult, SupervisorStatus, SupervisorStatusListener } from '../supervisor/supervisor-status.js';
import { RemoteGatewayControl } from './remote-gateway-control.js';

/** The supervisor's public face, which a remote gateway imitates. */
export interface GatewayControl {
  readonly url: string;
  readonly log: GatewayOutputLog;
  readonly status: SupervisorStatus;
  subscribe(listener: SupervisorStatusListener): () => void;
  start(): Promise<IntentResult>;
  stop(): Promise<IntentResult>;
  restart(): Promise<IntentResult>;
  retry(): Promise<IntentResult>;
}

export interface GatewayLink {
  readonly mode: 'local' | 'remote';
  readonly control: GatewayControl;
  readonly operator: OperatorConnection;
  /** The shared token (what Copy puts on the clipboard); undefined when none is known. */
  readonly token: string | undefined;
  /** Local gateways only: the state dir, where the token file lives. */
  readonly stateDir: string | undefined;
  /** Whether a gateway we launched can be left running when the app quits. */
  readonly canLeaveGatewayRunning: boolean;
  /**
   * Stops the operator connection; with `stopGateway`, also a gateway we launched (never an
   * attached one). Without it, a gateway we launched is left running if it can outlive the app.
   */
  close(options: { stopGateway: boolean }): Promise<void>;
}

export type LinkTarget = { mode: 'local'; port: number } | { mode: 'remote'; url: string; token?: string };

export type GatewayLinkFactory = (target: LinkTarget) => GatewayLink;

export interface GatewayLinkFactoryOptions {
  stateDir: string;
  launcher: GatewayLauncher;
  identity: DeviceIdentityStore;
  clientVersion: string;
  /** The rotating file the gateway's output also goes to. */
  outputLogFile?: string;
  /** Test knobs (health interval, timeouts); port, state dir, token, launcher and log are set here. */
  supervisor?: Partial<Omit<GatewaySupervisorOptions, 'port' | 'stateDir' | 'token' | 'launcher' | 'log'>>;
  operator?: Partial<Pick<OperatorConnectionOptions, 'platform' | 'requestTimeoutMs' | 'instanceId' | 'log'>>;
  onLogFileError?: (error: Error) => void;
}

const OUTPUT_RING_SIZE = 500;
const OPERATOR_CAPS = ['exec-approvals'];

export function gatewayLinkFactory(options: GatewayLinkFactoryOptions): GatewayLinkFactory {
  return (target) => (target.mode === 'local' ? localLink(options, target.port) : remoteLink(options, target.url, target.token));
}

function operatorFor(options: GatewayLinkFactoryOptions, url: string, token: string | undefined): OperatorConnection {
  return new OperatorConnection({
    url,
    ...(token === undefined ? {} : { token }),
    identity: options.identity,
    clientVersion: options.clientVersion,
    displayName: 'Gatehouse tray',
    caps: OPERATOR_CAPS,
    ...options.operator,
  });
}

function outputLog(options: GatewayLinkFactoryOptions): GatewayOutputLog {
  return new GatewayOutputLog({
    ringSize: OUTPUT_RING_SIZE,
    ...(options.outputLogFile === undefined ? {} : { file: options.outputLogFile }),
    ...(options.onLogFileError === undefined ? {} : { onFileError: options.onLogFileError }),
  });
}

function localLink(options: GatewayLinkFactoryOptions, port: number): GatewayLink {
  const { token } = loadOrCreateGatewayToken(options.stateDir);
  const supervisor = new GatewaySupervisor({
    ...options.supervisor,
    port,
    stateDir: options.stateDir,
    token,
    launcher: options.launcher,
    log: outputLog(options),
  });
  const operator = operatorFor(options, supervisor.url, token);
  const unfollow = followSupervisor(supervisor, operator);
  return {
    mode: 'local',
    control: supervisor,
    operator,
    token,
    stateDir: options.stateDir,
    get canLeaveGatewayRunning() {
      return supervisor.canLeaveRunning;
    },
    async close({ stopGateway }) {
      unfollow();
      await operator.stop();
      await supervisor.dispose({ leaveRunning: !stopGateway });
    },
  };
}

/**
 * The operator connection follows the supervisor (wiring note of the services' author): once a
 * gateway is up (ours or attached) connect at once instead of waiting out the client's backoff;
 * once it is gone, stop knocking on a closed port.
 */
function followSupervisor(supervisor: GatewaySupervisor, operator: OperatorConnection): () => void {
  const up = (state: GatewayState): boolean => state === 'running' || state === 'attached';
  let wasUp = false;
  return supervisor.subscribe((status) => {
    const isUp = up(status.state);
    if (isUp && !wasUp && operator.status.kind !== 'connected') void operator.reconnect();
    if ((status.state === 'stopped' || status.state === 'error') && operator.status.kind !== 'disconnected') void operator.stop();
    if (status.state !== 'degraded') wasUp = isUp;
  });
}

function remoteLink(options: GatewayLinkFactoryOptions, url: string, token: string | undefined): GatewayLink {
  const operator = operatorFor(options, url, token);
  const control = new RemoteGatewayControl({ url, operator, log: outputLog(options) });
  return {
    mode: 'remote',
    control,
    canLeaveGatewayRunning: false,
    operator,
    token,
    stateDir: undefined,
    async close() {
      control.dispose();
      await operator.stop();
      await control.log.close();
    },
  };
}
