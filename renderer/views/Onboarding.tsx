import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { GatehouseBridge } from '../../shared/ipc/contract';
import { FormStatus, type FormStatusValue } from '../components/FormStatus';
import { GatewayModeFields } from '../components/GatewayModeFields';
import { Notice } from '../components/Notice';
import { ViewFrame } from '../components/ViewFrame';
import { errorMessage } from '../format/error-message';
import { useSettings } from '../hooks/useSettings';
import type { ViewName } from '../route';
import { gatewayFormFrom, gatewayUpdate, type GatewayForm, type GatewayFormProblem } from '../state/settings-form';
import { strings } from '../strings';
import { WizardView, type WizardEnd } from './wizard/WizardView';
import { onboardingWizardStrings } from './wizard/wizard-strings';

export interface OnboardingProps {
  bridge: GatehouseBridge | undefined;
  navigate: (view: ViewName) => void;
}

const defaultGatewayForm: GatewayForm = { mode: 'local', remoteUrl: '', remoteToken: '', port: '18789', bind: 'loopback' };

/**
 * First run: 1. local gateway or one at a URL (saved, so the app starts or reaches it);
 * 2. the gateway's own setup wizard (provider and key, model, workspace, token, Telegram), or skip.
 */
export function Onboarding({ bridge, navigate }: OnboardingProps) {
  const s = strings.onboarding;
  const w = onboardingWizardStrings;
  const { settings, failed, update } = useSettings(bridge);
  const [step, setStep] = useState<1 | 2>(1);
  const [gatewayForm, setGatewayForm] = useState<GatewayForm>(defaultGatewayForm);
  const [gatewayProblems, setGatewayProblems] = useState<Partial<Record<'remoteUrl' | 'port', GatewayFormProblem>>>({});
  const [wizardEnd, setWizardEnd] = useState<WizardEnd | undefined>();
  const [status, setStatus] = useState<FormStatusValue>(undefined);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const filled = useRef(false);

  useEffect(() => {
    if (settings === undefined || filled.current) return;
    filled.current = true;
    setGatewayForm(gatewayFormFrom(settings));
  }, [settings]);

  // Before paint: keys typed as a step appears belong to it, not to the control of the step before.
  useLayoutEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  const continueToProvider = async (): Promise<void> => {
    if (busy || settings === undefined) return;
    const checked = gatewayUpdate(gatewayForm, settings);
    if (!checked.ok) {
      setGatewayProblems(checked.problems);
      return;
    }
    setGatewayProblems({});
    setBusy(true);
    setStatus(undefined);
    try {
      if (Object.keys(checked.value).length > 0) await update(checked.value);
      setGatewayForm((previous) => ({ ...previous, remoteToken: '' }));
      setStep(2);
    } catch (error) {
      setStatus({ tone: 'error', text: errorMessage(error, strings.common.actionFailed) });
    } finally {
      setBusy(false);
    }
  };

  const finish = async (): Promise<void> => {
    if (busy || !bridge) return;
    setStatus(undefined);
    setBusy(true);
    try {
      await update({ onboardingDone: true });
      navigate('panel');
    } catch (error) {
      setStatus({ tone: 'error', text: errorMessage(error, strings.common.actionFailed) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <ViewFrame name="onboarding" title={s.title} bridge={bridge} subtitle={s.step(step, 2)}>
      {failed && bridge !== undefined && <Notice tone="error">{strings.common.loadFailed}</Notice>}
      {step === 1 ? (
        <form
          className="onboarding__step"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void continueToProvider();
          }}
        >
          <h2 ref={headingRef} tabIndex={-1} className="section-title">
            {s.gatewayHeading}
          </h2>
          <GatewayModeFields
            form={gatewayForm}
            onChange={setGatewayForm}
            problems={gatewayProblems}
            tokenSaved={false}
            legend={s.gatewayHeading}
            choices={{ local: s.gatewayLocal, localHelp: s.gatewayLocalHelp, remote: s.gatewayRemote, remoteHelp: s.gatewayRemoteHelp }}
          />
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={settings === undefined} aria-busy={busy}>
              {s.continue}
            </button>
            <FormStatus status={status} />
          </div>
        </form>
      ) : (
        <section className="onboarding__step" aria-labelledby="onboarding-wizard-heading">
          <h2 id="onboarding-wizard-heading" ref={headingRef} tabIndex={-1} className="section-title">
            {w.heading}
          </h2>
          <p className="muted">{w.intro}</p>
          <WizardView bridge={bridge} startLabel={w.start} onEnded={setWizardEnd} />
          <div className="form-actions">
            {wizardEnd === 'done' ? (
              <button type="button" className="button button--primary" onClick={() => void finish()} aria-busy={busy} data-testid="onboarding-finish">
                {busy ? s.finishing : w.finish}
              </button>
            ) : (
              <>
                <button type="button" className="button" onClick={() => void finish()}>
                  {s.skip}
                </button>
                <button type="button" className="button button--quiet" onClick={() => setStep(1)}>
                  {s.back}
                </button>
              </>
            )}
          </div>
          <FormStatus status={status} />
        </section>
      )}
    </ViewFrame>
  );
}
