import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { GatehouseBridge, WizardActionResult, WizardProgressView, WizardStepView } from '../../../shared/ipc/contract';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../format/error-message';
import { draftValue, initialDraft, WizardStepFields, type StepDraft } from './WizardStepFields';
import { wizardStrings } from './wizard-strings';
import './wizard.css';

export type WizardEnd = 'done' | 'cancelled' | 'error';

export interface WizardViewProps {
  bridge: GatehouseBridge | undefined;
  /** `channels`: only the chat-channel part of the setup. */
  flow?: 'setup' | 'channels';
  /** The label of the button that starts the wizard. */
  startLabel: string;
  /** Called once the wizard has ended, however it ended. */
  onEnded?: (end: WizardEnd) => void;
}

type Phase =
  | { kind: 'idle'; failure?: string }
  | { kind: 'starting' }
  | { kind: 'step'; progress: WizardProgressView & { step: WizardStepView } }
  /** A progress step: the gateway is working and the answer comes when it is done. */
  | { kind: 'working'; progress: WizardProgressView & { step: WizardStepView } }
  | { kind: 'ended'; end: WizardEnd; error?: string };

/**
 * The gateway's setup wizard (wizard.start/next/cancel over the bridge), one step at a time:
 * notes, choices, text and password fields, a spinner while the gateway works, and how it ended.
 * The same view runs in the tray's onboarding window and on the Control UI's Setup page.
 */
export function WizardView({ bridge, flow, startLabel, onEnded }: WizardViewProps) {
  const s = wizardStrings;
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [draft, setDraft] = useState<StepDraft>({ kind: 'none' });
  const [problem, setProblem] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [stepCount, setStepCount] = useState(0);
  const running = useRef<string | undefined>(undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const onEndedRef = useRef(onEnded);
  onEndedRef.current = onEnded;

  // Leaving the view mid-setup frees the gateway's one wizard at once.
  useEffect(
    () => () => {
      const sessionId = running.current;
      running.current = undefined;
      if (sessionId !== undefined) void bridge?.invoke('wizard:cancel', { sessionId }).catch(() => undefined);
    },
    [bridge],
  );

  const stepId = phase.kind === 'step' ? phase.progress.step.id : undefined;
  // Before paint: keys typed as a step appears belong to it, not to the control of the step before.
  useLayoutEffect(() => {
    if (stepId !== undefined) headingRef.current?.focus();
  }, [stepId]);

  const end = (result: WizardEnd, error?: string) => {
    running.current = undefined;
    setPhase({ kind: 'ended', end: result, ...(error === undefined ? {} : { error }) });
    onEndedRef.current?.(result);
  };

  /** Shows what the gateway answered: the next step, or the end. A progress step is answered at once. */
  const show = (progress: WizardProgressView) => {
    setProblem(undefined);
    setFailure(undefined);
    if (progress.done || progress.step === undefined) {
      end(progress.status === 'running' ? 'done' : progress.status, progress.error);
      return;
    }
    const current = { ...progress, step: progress.step };
    running.current = progress.sessionId;
    setStepCount((count) => count + 1);
    if (current.step.type === 'progress') {
      setPhase({ kind: 'working', progress: current });
      void answer(current, undefined);
      return;
    }
    setDraft(initialDraft(current.step));
    setPhase({ kind: 'step', progress: current });
  };

  /**
   * After a call that failed without the gateway refusing the answer (a dropped connection, a
   * deadline): has the wizard ended meanwhile (cancelled elsewhere, timed out)? Then say so;
   * otherwise the step still waits and can be sent again.
   */
  const recover = async (progress: WizardProgressView & { step: WizardStepView }, message: string) => {
    setFailure(message);
    setPhase({ kind: 'step', progress });
    const status = await bridge?.invoke('wizard:status', { sessionId: progress.sessionId }).catch(() => undefined);
    if (status?.ok && status.progress && status.progress.status !== 'running') end(status.progress.status, status.progress.error);
  };

  const handle = async (result: WizardActionResult, progress: WizardProgressView & { step: WizardStepView }) => {
    if (result.ok && result.progress) {
      show(result.progress);
      return;
    }
    const message = result.message ?? s.failed('');
    if (result.refused) {
      // The gateway refused the answer: the step waits for a better one.
      setProblem(message);
      setPhase({ kind: 'step', progress });
    } else await recover(progress, message);
  };

  const start = async () => {
    if (!bridge || busy) return;
    setBusy(true);
    setPhase({ kind: 'starting' });
    setStepCount(0);
    try {
      const result = await bridge.invoke('wizard:start', flow === undefined ? {} : { flow });
      if (result.ok && result.progress) show(result.progress);
      else setPhase({ kind: 'idle', failure: result.message ?? s.startFailed });
    } catch (error) {
      setPhase({ kind: 'idle', failure: errorMessage(error, s.startFailed) });
    } finally {
      setBusy(false);
    }
  };

  const answer = async (progress: WizardProgressView & { step: WizardStepView }, value: unknown) => {
    if (!bridge) return;
    setBusy(true);
    try {
      const request = { sessionId: progress.sessionId, stepId: progress.step.id, ...(value === undefined ? {} : { value }) };
      await handle(await bridge.invoke('wizard:next', request), progress);
    } catch (error) {
      await recover(progress, errorMessage(error, s.failed('')));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    const sessionId = running.current;
    if (!bridge || sessionId === undefined) return;
    setBusy(true);
    try {
      const result = await bridge.invoke('wizard:cancel', { sessionId });
      if (result.ok || !result.refused) end('cancelled');
    } catch {
      end('cancelled');
    } finally {
      setBusy(false);
    }
  };

  if (phase.kind === 'idle' || phase.kind === 'starting') {
    return (
      <div className="wizard" data-testid="wizard">
        {phase.kind === 'idle' && phase.failure !== undefined && <Notice tone="error">{phase.failure}</Notice>}
        <div className="form-actions">
          <button type="button" className="button button--primary" onClick={() => void start()} disabled={!bridge} aria-busy={phase.kind === 'starting'} data-testid="wizard-start">
            {phase.kind === 'starting' ? s.starting : phase.kind === 'idle' && phase.failure !== undefined ? s.retry : startLabel}
          </button>
        </div>
      </div>
    );
  }

  if (phase.kind === 'ended') {
    const text = phase.end === 'done' ? s.done : phase.end === 'cancelled' ? s.cancelled : s.failed(phase.error ?? '');
    return (
      <div className="wizard" data-testid="wizard">
        <Notice tone={phase.end === 'done' ? 'info' : phase.end === 'cancelled' ? 'warning' : 'error'}>
          <span data-testid="wizard-ended" data-end={phase.end}>
            {text}
            {phase.end === 'cancelled' && phase.error !== undefined && phase.error !== 'cancelled' ? ` (${phase.error})` : ''}
          </span>
        </Notice>
        {phase.end !== 'done' && (
          <div className="form-actions">
            <button type="button" className="button" onClick={() => void start()} data-testid="wizard-start">
              {s.restart}
            </button>
          </div>
        )}
      </div>
    );
  }

  const { step } = phase.progress;
  const working = phase.kind === 'working';
  return (
    <form
      className="wizard wizard__step"
      data-testid="wizard"
      data-step-type={step.type}
      noValidate
      aria-busy={working}
      onSubmit={(event) => {
        event.preventDefault();
        if (phase.kind === 'step' && !busy) void answer(phase.progress, draftValue(step, draft));
      }}
    >
      <p className="wizard__count muted">{s.stepCount(stepCount)}</p>
      <h2 ref={headingRef} tabIndex={-1} className="section-title" data-testid="wizard-title">
        {step.title ?? s.title}
      </h2>
      {working ? (
        <p className="wizard__working" role="status" data-testid="wizard-working">
          <span className="wizard__spinner" aria-hidden="true" />
          {step.message ?? s.working}
        </p>
      ) : (
        <WizardStepFields step={step} draft={draft} onChange={setDraft} problem={problem} disabled={busy} />
      )}
      {failure !== undefined && <Notice tone="error">{failure}</Notice>}
      <div className="form-actions">
        {!working && (
          <button type="submit" className="button button--primary" aria-busy={busy} disabled={busy} data-testid="wizard-next">
            {busy ? s.sending : s.next}
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={() => void cancel()} disabled={busy && !working} data-testid="wizard-cancel">
          {s.cancel}
        </button>
      </div>
    </form>
  );
}
