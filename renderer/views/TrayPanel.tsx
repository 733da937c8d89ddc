import type { GatehouseBridge } from '../../shared/ipc/contract';
import { useAppInfo } from '../hooks/useAppInfo';
import { useGatewayState } from '../hooks/useGatewayState';
import { strings } from '../strings';

export interface TrayPanelProps {
  bridge: GatehouseBridge | undefined;
}

/** The window the tray opens: what the gateway is doing, and which companion this is. */
export function TrayPanel({ bridge }: TrayPanelProps) {
  const appInfo = useAppInfo(bridge);
  const gatewayState = useGatewayState(bridge);
  const stateText = gatewayState ? strings.gatewayState[gatewayState] : undefined;

  const version =
    appInfo.status === 'ready'
      ? appInfo.info.version
      : appInfo.status === 'loading'
        ? strings.panel.loading
        : strings.panel.unknownVersion;

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

      <section
        className="gateway"
        data-state={gatewayState ?? 'unknown'}
        aria-labelledby="gateway-heading"
      >
        <h2 id="gateway-heading" className="gateway__heading">
          {strings.panel.gatewayLabel}
        </h2>
        <div className="gateway__status" role="status" aria-live="polite" aria-atomic="true">
          <span className="gateway__dot" aria-hidden="true" />
          <span className="gateway__label" data-testid="gateway-state">
            {stateText?.label ?? strings.panel.loading}
          </span>
        </div>
        {stateText && <p className="gateway__description">{stateText.description}</p>}
      </section>

      <dl className="details" aria-label={strings.panel.detailsLabel}>
        <div className="details__row">
          <dt>{strings.panel.versionLabel}</dt>
          <dd data-testid="app-version">{version}</dd>
        </div>
      </dl>
    </main>
  );
}
