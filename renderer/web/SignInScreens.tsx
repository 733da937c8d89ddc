import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Notice } from '../components/Notice';
import { webStrings } from './web-strings';

/** The frame of a screen shown before the shell: a labelled <main> with its heading. */
function Screen({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <main className="sign-in" aria-labelledby={headingId}>
      <div className="sign-in__card">
        <h1 id={headingId} className="sign-in__title">
          {title}
        </h1>
        {children}
      </div>
    </main>
  );
}

/** Inline `code` spans in our own strings, rendered as <code> (never model or gateway text). */
export function WithCode({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : <span key={index}>{part}</span>))}
    </>
  );
}

export function SignInForm({ problem, busy, onSubmit }: { problem?: string; busy: boolean; onSubmit: (token: string) => void }) {
  const s = webStrings.signIn;
  const [token, setToken] = useState('');
  const hintId = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (token.trim() !== '') onSubmit(token);
    // Not kept in the page's state any longer than needed.
    setToken('');
  };
  return (
    <Screen title={s.title}>
      <p>
        <WithCode text={s.intro} />
      </p>
      {problem !== undefined && (
        <Notice tone="error">
          <WithCode text={problem} />
        </Notice>
      )}
      <form className="sign-in__form" onSubmit={submit}>
        <label htmlFor="gateway-token">{s.tokenLabel}</label>
        <input
          id="gateway-token"
          name="gateway-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-describedby={hintId}
          required
        />
        <p id={hintId} className="muted">
          <WithCode text={s.tokenHint} />
        </p>
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
          {busy ? s.connecting : s.submit}
        </button>
      </form>
    </Screen>
  );
}

export function WaitingForApproval({ deviceId, requestId, onRetry }: { deviceId: string; requestId?: string; onRetry: () => void }) {
  const s = webStrings.waiting;
  return (
    <Screen title={s.title}>
      <p>{s.intro}</p>
      <ul className="sign-in__steps">
        <li>{s.tray}</li>
        <li>
          <WithCode text={s.cli(requestId)} />
        </li>
      </ul>
      {deviceId !== '' && <p className="muted">{s.device(deviceId)}</p>}
      <p role="status" className="sign-in__waiting">
        <span className="sign-in__spinner" aria-hidden="true" /> {s.auto}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        {s.retry}
      </button>
    </Screen>
  );
}

export function CodeRefused({ message, onUseToken }: { message: string; onUseToken: () => void }) {
  const s = webStrings.codeRefused;
  return (
    <Screen title={s.title}>
      <Notice tone="error">{message}</Notice>
      <p>
        <WithCode text={s.body} />
      </p>
      <button type="button" className="button" onClick={onUseToken}>
        {s.orToken}
      </button>
    </Screen>
  );
}

export function InsecureContext() {
  const s = webStrings.insecure;
  return (
    <Screen title={s.title}>
      <p>{s.body}</p>
    </Screen>
  );
}

export function ConnectionStopped({ message, onRetry }: { message: string; onRetry: () => void }) {
  const s = webStrings.stopped;
  return (
    <Screen title={s.title}>
      <Notice tone="error">
        <WithCode text={message} />
      </Notice>
      <button type="button" className="button" onClick={onRetry}>
        {s.retry}
      </button>
    </Screen>
  );
}
