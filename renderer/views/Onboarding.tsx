import { useEffect, useRef, useState } from 'react';
import type { GatehouseBridge } from '../../shared/ipc/contract';
import { FormStatus, type FormStatusValue } from '../components/FormStatus';
import { GatewayModeFields } from '../components/GatewayModeFields';
import { Notice } from '../components/Notice';
import { ProviderFields } from '../components/ProviderFields';
import { ViewFrame } from '../components/ViewFrame';
import { errorMessage } from '../format/error-message';
import { useSettings } from '../hooks/useSettings';
import type { ViewName } from '../route';
import {
  gatewayFormFrom,
  gatewayUpdate,
  providerFormFrom,
  providerSetup,
  type GatewayForm,
  type GatewayFormProblem,
  type ProviderForm,
  type ProviderFormProblem,
} from '../state/settings-form';
import { strings } from '../strings';

export interface OnboardingProps {
  bridge: GatehouseBridge | undefined;
  navigate: (view: ViewName) => void;
}

const defaultGatewayForm: GatewayForm = { mode: 'local', remoteUrl: '', remoteToken: '', port: '18789', bind: 'loopback' };

/** First run: 1. local gateway or one at a URL; 2. a model provider, or skip. */
export function Onboarding({ bridge, navigate }: OnboardingProps) {
  const s = strings.onboarding;
  const { settings, failed, update } = useSettings(bridge);
  const [step, setStep] = useState<1 | 2>(1);
  const [gatewayForm, setGatewayForm] = useState<GatewayForm>(defaultGatewayForm);
  const [gatewayProblems, setGatewayProblems] = useState<Partial<Record<'remoteUrl' | 'port', GatewayFormProblem>>>({});
  const [providerForm, setProviderForm] = useState<ProviderForm>(() => providerFormFrom(undefined));
  const [providerProblems, setProviderProblems] = useState<Partial<Record<'model' | 'apiKey' | 'baseUrl', ProviderFormProblem>>>({});
  const [status, setStatus] = useState<FormStatusValue>(undefined);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const filled = useRef(false);

  useEffect(() => {
    if (settings === undefined || filled.current) return;
    filled.current = true;
    setGatewayForm(gatewayFormFrom(settings));
    setProviderForm(providerFormFrom(settings));
  }, [settings]);

  useEffect(() => {
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

  const finish = async (withProvider: boolean): Promise<void> => {
    if (busy || !bridge) return;
    setStatus(undefined);
    if (withProvider) {
      const checked = providerSetup(providerForm, settings);
      if (!checked.ok) {
        setProviderProblems(checked.problems);
        return;
      }
      setProviderProblems({});
      setBusy(true);
      try {
        const result = await bridge.invoke('settings:setProvider', checked.value);
        if (!result?.ok) throw new Error(result?.message || strings.common.actionFailed);
      } catch (error) {
        setStatus({ tone: 'error', text: errorMessage(error, strings.common.actionFailed) });
        setBusy(false);
        return;
      }
    }
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
        <form
          className="onboarding__step"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void finish(true);
          }}
        >
          <h2 ref={headingRef} tabIndex={-1} className="section-title">
            {s.providerHeading}
          </h2>
          <p className="muted">{s.providerIntro}</p>
          <ProviderFields form={providerForm} onChange={setProviderForm} problems={providerProblems} saved={settings} />
          <div className="form-actions">
            <button type="submit" className="button button--primary" aria-busy={busy}>
              {busy ? s.finishing : s.finish}
            </button>
            <button type="button" className="button" onClick={() => void finish(false)}>
              {s.skip}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setStep(1)}>
              {s.back}
            </button>
          </div>
          <FormStatus status={status} />
        </form>
      )}
    </ViewFrame>
  );
}
