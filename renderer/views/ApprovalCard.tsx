import { useEffect, useMemo, useRef, useState } from 'react';
import type { ActionResult, ApprovalDecision, ApprovalView } from '../../shared/ipc/contract';
import { InvisibleText } from '../components/InvisibleText';
import { Notice } from '../components/Notice';
import { announcedSeconds, formatCountdown, isExpired, remainingMs } from '../format/countdown';
import { countHidden, revealInvisibleCharacters } from '../format/invisible-characters';
import { useAction } from '../hooks/useAction';
import { useNow } from '../hooks/useNow';
import { approvalKeyAction } from '../keyboard/approval-keys';
import { strings } from '../strings';

/**
 * How long a newly shown request ignores clicks and keys: a double click or a repeated
 * Ctrl+Enter meant for the previous request must not decide this one.
 */
export const approvalArmDelayMs = 600;

const decisionOrder: readonly ApprovalDecision[] = ['allow-once', 'allow-always', 'deny'];

export interface ApprovalCardProps {
  approval: ApprovalView;
  mac: boolean;
  resolve: (id: string, decision: ApprovalDecision) => Promise<ActionResult>;
  /** The request was decided, or dismissed after it expired. */
  onDone: (id: string) => void;
}

export function ApprovalCard({ approval, mac, resolve, onDone }: ApprovalCardProps) {
  const [armed, setArmed] = useState(false);
  const now = useNow(250);
  const expired = isExpired(approval.expiresAtMs, now);
  const remaining = remainingMs(approval.expiresAtMs, now);
  const action = useAction<ApprovalDecision>(strings.approvals.resolveFailed);
  const cardRef = useRef<HTMLElement>(null);
  const segments = useMemo(() => revealInvisibleCharacters(approval.command), [approval.command]);
  const envText = useMemo(() => (approval.env ?? []).map(({ name, value }) => `${name}=${value}`), [approval.env]);
  // Hidden characters in an environment value deceive as well as those in the command.
  const hiddenCount = countHidden(segments) + envText.reduce((sum, text) => sum + countHidden(revealInvisibleCharacters(text)), 0);
  const canDecide = armed && !expired && action.pending === undefined;
  const decisions = decisionOrder.filter((decision) => decision !== 'allow-always' || approval.decisions.includes(decision));

  useEffect(() => {
    const timer = setTimeout(() => setArmed(true), approvalArmDelayMs);
    // Focus the request itself, never a button, so a stray Space or Enter decides nothing.
    cardRef.current?.focus();
    return () => clearTimeout(timer);
  }, []);

  const decide = (decision: ApprovalDecision): void => {
    if (!canDecide) return;
    void action.run(decision, () => resolve(approval.id, decision)).then((ok) => ok && onDone(approval.id));
  };
  const decideRef = useRef(decide);
  decideRef.current = decide;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const keyAction = approvalKeyAction(event);
      if (keyAction === 'pass') return;
      event.preventDefault();
      event.stopPropagation();
      if (keyAction === 'allow-once' || keyAction === 'deny') decideRef.current(keyAction);
    };
    // Capture phase: ahead of a focused button turning Enter into a click.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  const s = strings.approvals;
  return (
    <article
      ref={cardRef}
      className="approval"
      data-expired={expired}
      tabIndex={-1}
      aria-labelledby="approval-asks"
      aria-describedby={approval.warning === undefined ? 'approval-command' : 'approval-command approval-warning'}
    >
      <p id="approval-asks" className="approval__asks">
        {s.asks(approval.agentId, approval.host)}
      </p>
      <pre id="approval-command" className="command" dir="ltr" aria-label={s.commandLabel} data-testid="approval-command">
        <InvisibleText text={approval.command} segments={segments} />
      </pre>
      {hiddenCount > 0 && <Notice tone="warning">{s.hiddenWarning(hiddenCount)}</Notice>}
      {approval.warning !== undefined && (
        <Notice tone="warning" live={false}>
          <span id="approval-warning" data-testid="approval-warning">
            {s.warningLabel} <InvisibleText text={approval.warning} />
          </span>
        </Notice>
      )}
      <dl className="facts">
        {approval.cwd !== undefined && (
          <div className="facts__row">
            <dt>{s.cwdLabel}</dt>
            <dd className="mono" dir="ltr">
              <InvisibleText text={approval.cwd} />
            </dd>
          </div>
        )}
        {envText.length > 0 && (
          <div className="facts__row">
            <dt>{s.envLabel}</dt>
            <dd className="mono" dir="ltr" data-testid="approval-env">
              {envText.map((text) => (
                <div key={text}>
                  <InvisibleText text={text} />
                </div>
              ))}
            </dd>
          </div>
        )}
        {approval.sessionKey !== undefined && (
          <div className="facts__row">
            <dt>{s.sessionLabel}</dt>
            <dd className="mono">{approval.sessionKey}</dd>
          </div>
        )}
      </dl>

      <div className="approval__expiry">
        {expired ? (
          <p className="countdown countdown--expired" data-testid="approval-expiry">
            {s.expired}
          </p>
        ) : (
          <p className="countdown" role="timer" data-testid="approval-expiry">
            {s.expiresIn(formatCountdown(remaining))}
          </p>
        )}
        <p className="sr-only" aria-live="polite" aria-atomic="true">
          {expired ? s.expired : s.announceExpiresIn(announcedSeconds(remaining))}
        </p>
      </div>
      {expired && <p className="approval__expired-note">{s.expiredNote}</p>}

      <div className="approval__decisions" role="group" aria-label={s.decisionsLabel} data-armed={armed && !expired}>
        {decisions.map((decision) => (
          <button
            key={decision}
            type="button"
            className={`button ${decision === 'deny' ? 'button--danger' : decision === 'allow-once' ? 'button--primary' : ''}`}
            disabled={!canDecide}
            aria-busy={action.pending === decision}
            onClick={() => decide(decision)}
          >
            {s.decisions[decision]}
          </button>
        ))}
        {expired && (
          <button type="button" className="button button--quiet" onClick={() => onDone(approval.id)}>
            {s.setAside}
          </button>
        )}
      </div>
      {!expired && <p className="hint">{s.keyboardHint(mac)}</p>}
      {action.failure !== undefined && <Notice tone="error">{action.failure}</Notice>}
    </article>
  );
}
