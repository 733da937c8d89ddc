import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { GatehouseBridge } from '../../../shared/ipc/contract';
import { FormStatus, type FormStatusValue } from '../../components/FormStatus';
import { useAction } from '../../hooks/useAction';
import { strings } from '../../strings';

/** Copy (main puts the token on the clipboard) and Rotate (after an inline confirmation). */
export function TokenSection({ bridge }: { bridge: GatehouseBridge | undefined }) {
  const s = strings.settings;
  const action = useAction<'copy' | 'rotate'>();
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<FormStatusValue>(undefined);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const rotateRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (action.failure !== undefined) setStatus({ tone: 'error', text: action.failure });
  }, [action.failure]);
  // Before paint, not in an effect: Preact runs effects after the frame, and an Escape pressed as
  // the dialog appeared went to the button behind it and left the dialog open.
  useLayoutEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const copy = async (): Promise<void> => {
    if (!bridge) return;
    setStatus(undefined);
    if (await action.run('copy', () => bridge.invoke('settings:copyToken'))) setStatus({ tone: 'ok', text: s.copied });
  };
  const rotate = async (): Promise<void> => {
    if (!bridge) return;
    setStatus(undefined);
    const ok = await action.run('rotate', () => bridge.invoke('settings:rotateToken'));
    setConfirming(false);
    rotateRef.current?.focus();
    if (ok) setStatus({ tone: 'ok', text: s.rotated });
  };
  const cancel = (): void => {
    setConfirming(false);
    rotateRef.current?.focus();
  };

  return (
    <section className="settings-section" aria-labelledby="settings-token">
      <h2 id="settings-token" className="section-title">
        {s.tokenSection}
      </h2>
      <p className="muted">{s.tokenIntro}</p>
      <div className="form-actions">
        <button type="button" className="button" disabled={!bridge} aria-busy={action.pending === 'copy'} onClick={() => void copy()}>
          {s.copyToken}
        </button>
        <button
          ref={rotateRef}
          type="button"
          className="button"
          aria-expanded={confirming}
          disabled={!bridge}
          onClick={() => setConfirming(true)}
        >
          {s.rotateToken}
        </button>
        <FormStatus status={status} testId="token-status" />
      </div>
      {confirming && (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="rotate-confirm-text"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              cancel();
            }
          }}
        >
          <p id="rotate-confirm-text">{s.rotateConfirm}</p>
          <div className="form-actions">
            <button ref={confirmRef} type="button" className="button button--danger" aria-busy={action.pending === 'rotate'} onClick={() => void rotate()}>
              {s.rotateConfirmAction}
            </button>
            <button type="button" className="button button--quiet" onClick={cancel}>
              {strings.common.cancel}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
