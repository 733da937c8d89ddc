/**
 * What the supervisor reports. The states are the app-wide `GatewayState` of
 * shared/ipc/gateway-state.ts (they fit one to one), so the tray and windows can show a
 * supervisor status without any mapping:
 *
 * - `stopped`  nothing runs and nothing is scheduled
 * - `starting` probing, spawning, waiting for readiness, or waiting out a crash backoff
 * - `running`  our child printed its listening line and answers /healthz
 * - `attached` a healthy gateway someone else started owns the port; we never stop it
 * - `degraded` our child is alive but has stopped answering /healthz
 * - `error`    we gave up (too many fast failures, exit 78 with nobody healthy on the port,
 *              no readiness in time); `retry()` starts over
 */
import type { GatewayState } from '../../shared/ipc/gateway-state.js';

export type { GatewayState } from '../../shared/ipc/gateway-state.js';

export interface SupervisorStatus {
  state: GatewayState;
  /** One sentence a person can act on, e.g. the gateway's own exit-78 message. */
  detail?: string;
  /** The pid of the gateway process we own (none when attached or stopped). */
  pid?: number;
  /** The gateway's WebSocket URL: `ws://127.0.0.1:<port>`. */
  url: string;
  /** Epoch ms when `state` was entered. */
  since: number;
}

export type SupervisorIntent = 'start' | 'stop' | 'restart' | 'retry';

/**
 * - `done`       the intent was carried out (or there was nothing to do)
 * - `refused`    not ours to do: stop/restart of an attached gateway
 * - `superseded` a newer intent replaced this one before it finished; its result was dropped
 * - `failed`     it was tried and did not work; `message` says why, the status says what next
 */
export type IntentOutcome = 'done' | 'refused' | 'superseded' | 'failed';

export interface IntentResult {
  intent: SupervisorIntent;
  outcome: IntentOutcome;
  /** The state once this intent finished (for `superseded`: whatever it was then). */
  state: GatewayState;
  message?: string;
}

export type SupervisorStatusListener = (status: SupervisorStatus) => void;
