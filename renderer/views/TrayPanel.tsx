import { useEffect, useRef } from 'react';
import type { GatehouseBridge, GatewayStatusView } from '../../shared/ipc/contract';
import type { OpenableWindowKind } from '../../shared/ipc/window-kinds';
import { Notice } from '../components/Notice';
import { useAction } from '../hooks/useAction';
import { useAppInfo } from '../hooks/useAppInfo';
import { useGatewayStatus } from '../hooks/useGatewayStatus';
import { useOnboardingDone } from '../hooks/useOnboardingDone';
import type { ViewName } from '../route';
import { gatewayActions, type GatewayAction } from '../state/gateway-actions';
import { ScheduleSummary } from './ScheduleSummary';
import { strings } from '../strings';

export interface TrayPanelProps {
  bridge: GatehouseBridge | undefined;
  /** Moves this window to another view (onboarding). */
  navigate: (view: ViewName) => void;
}

const actionChannels = {
  start: 'gateway:start',
  stop: 'gateway:stop',
  restart: 'gateway:restart',
  retry: 'gateway:retry',
} as const satisfies Record<GatewayAction, string>;

/** The window the tray opens: what the gateway is doing, its controls, and the other windows. */
export function TrayPanel({ bridge, navigate }: TrayPanelProps) {
  const appInfo = useAppInfo(bridge);
  const { status, state } = useGatewayStatus(bridge);
  const onboardingDone = useOnboardingDone(bridge);
  const control = useAction<GatewayAction>();
  const opener = useAction<OpenableWindowKind>();
  const stateText = state ? strings.gatewayState[state] : undefined;

  const version =
    appInfo.status === 'ready'
      ? appInfo.info.version
      : appInfo.status === 'loading'
        ? strings.panel.loading
        : strings.panel.unknownVersion;

  const open = (view: OpenableWindowKind): void => {
    if (bridge) void opener.run(view, () => bridge.invoke('window:open', { view }));
  };
  const act = (action: GatewayAction): void => {
    if (bridge) void control.run(action, () => bridge.invoke(actionChannels[action]));
  };

  const counts = status?.counts ?? { approvals: 0, pairing: 0 };

  return (
    <main className="panel" aria-labelledby="panel-title">
      <header className="panel__header">
        <h1 id="panel-title" className="panel__title">
          {strings.panel.title}
        </h1>
        <p className="panel__subtitle">{strings.panel.subtitle}</p>
      </header>

      {bridge === undefined && (
        <p className="panel__notice" role="alert">
          {strings.errors.bridgeMissing}
        </p>
      )}
      {bridge !== undefined && appInfo.status === 'failed' && (
        <p className="panel__notice" role="alert">
          {strings.errors.infoFailed}
        </p>
      )}
      {onboardingDone === false && (
        <div className="panel__setup">
          <span>{strings.panel.finishSetup}</span>
          <button type="button" className="button button--primary button--small" onClick={() => navigate('onboarding')}>
            {strings.panel.finishSetupAction}
          </button>
        </div>
      )}

      <section className="gateway" data-state={state ?? 'unknown'} aria-labelledby="gateway-heading">
        <h2 id="gateway-heading" className="gateway__heading">
          {strings.panel.gatewayLabel}
        </h2>
        <div className="gateway__status" role="status" aria-live="polite" aria-atomic="true">
          <span className="gateway__dot" aria-hidden="true" />
          <span className="gateway__label" data-testid="gateway-state">
            {stateText?.label ?? strings.panel.loading}
          </span>
        </div>
        {stateText && !status?.attached && <p className="gateway__description">{stateText.description}</p>}
        {status?.detail && (
          <p className="gateway__detail" data-testid="gateway-detail">
            {status.detail}
          </p>
        )}
        {status && <GatewayFacts status={status} />}
        {status && (
          <GatewayControls status={status} pending={control.pending} onAction={act} disabled={bridge === undefined} />
        )}
        {control.failure !== undefined && <Notice tone="error">{control.failure}</Notice>}
      </section>

      <nav className="panel__nav" aria-label={strings.panel.openLabel}>
        <button type="button" className="button nav-button" onClick={() => open('chat')}>
          {strings.panel.openChat}
        </button>
        <button type="button" className="button nav-button" data-attention={counts.approvals > 0} onClick={() => open('approvals')}>
          {strings.panel.openApprovals(counts.approvals)}
        </button>
        <button type="button" className="button nav-button" data-attention={counts.pairing > 0} onClick={() => open('pairing')}>
          {strings.panel.openPairing(counts.pairing)}
        </button>
        <button type="button" className="button nav-button" onClick={() => open('scheduled')}>
          {strings.panel.openScheduled}
        </button>
        <button type="button" className="button nav-button" onClick={() => open('logs')}>
          {strings.panel.openLogs}
        </button>
        <button type="button" className="button nav-button" onClick={() => open('settings')}>
          {strings.panel.openSettings}
        </button>
      </nav>
      {opener.failure !== undefined && <Notice tone="error">{opener.failure}</Notice>}

      <ScheduleSummary bridge={bridge} />

      <dl className="details" aria-label={strings.panel.detailsLabel}>
        <div className="details__row">
          <dt>{strings.panel.versionLabel}</dt>
          <dd data-testid="app-version">{version}</dd>
        </div>
      </dl>
    </main>
  );
}

/** Attached note, paused connection's next step, and what is waiting for the person. */
function GatewayFacts({ status }: { status: GatewayStatusView }) {
  const paused = status.connection.status === 'paused';
  return (
    <>
      {status.attached && <p className="gateway__note">{strings.panel.attachedNote}</p>}
      {paused && (
        <div className="gateway__paused" data-testid="connection-paused">
          <strong>{strings.panel.connectionPaused}</strong> {status.connection.nextStep}
        </div>
      )}
      <p className="gateway__counts" data-testid="gateway-counts">
        {strings.panel.waiting(status.counts.approvals, status.counts.pairing)}
      </p>
    </>
  );
}

interface GatewayControlsProps {
  status: GatewayStatusView;
  pending: GatewayAction | undefined;
  onAction: (action: GatewayAction) => void;
  disabled: boolean;
}

function GatewayControls({ status, pending, onAction, disabled }: GatewayControlsProps) {
  const offers = gatewayActions(status);
  const group = useRef<HTMLDivElement>(null);
  const offerKey = offers.map((offer) => `${offer.action}:${offer.enabled}`).join(',');
  // A pressed button may be disabled or replaced (Start → Stop); keep keyboard focus in the group.
  useEffect(() => {
    if (pending !== undefined) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    if (!group.current?.dataset['used']) return;
    group.current.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [pending, offerKey]);
  return (
    <div
      ref={group}
      className="gateway__actions"
      role="group"
      aria-label={strings.panel.actionsLabel}
      onFocus={() => group.current && (group.current.dataset['used'] = 'true')}
    >
      {offers.map(({ action, enabled }) => (
        <button
          key={action}
          type="button"
          className={`button${action === 'start' || action === 'retry' ? ' button--primary' : ''}`}
          disabled={disabled || !enabled || pending !== undefined}
          aria-busy={pending === action}
          onClick={() => onAction(action)}
        >
          {pending === action ? strings.gatewayActionsBusy[action] : strings.gatewayActions[action]}
        </button>
      ))}
    </div>
  );
}
