import { startTransition, useEffect, useState } from 'react';
import type { GatehouseBridge } from '../../shared/ipc/contract';
import type { GatewaySession, SessionState } from './gateway-session';
import { CodeRefused, ConnectionStopped, InsecureContext, SignInForm, WaitingForApproval } from './SignInScreens';
import { availablePages, pageFromHash } from './web-pages';
import { WebShell } from './WebShell';
import { webStrings } from './web-strings';

function useSessionState(session: GatewaySession): SessionState {
  const [state, setState] = useState(session.state);
  useEffect(() => {
    setState(session.state);
    return session.onState(setState);
  }, [session]);
  return state;
}

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    // A transition: while the next page's chunk is fetched the current page stays, instead of a
    // loading line that React would then keep up for at least 300 ms.
    const follow = (): void => startTransition(() => setHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return hash;
}

/** Sign-in until the gateway accepts this browser, then the shell with the pages it serves. */
export function WebApp({ session, bridge }: { session: GatewaySession; bridge: GatehouseBridge }) {
  const state = useSessionState(session);
  const hash = useHash();
  const [signedIn, setSignedIn] = useState(false);
  const [wantsToken, setWantsToken] = useState(false);

  useEffect(() => {
    if (state.kind === 'connected') setSignedIn(true);
    if (state.kind === 'signed-out') setSignedIn(false);
  }, [state.kind]);

  if (state.kind === 'insecure') return <InsecureContext />;
  if (state.kind === 'awaiting-approval') return <WaitingForApproval deviceId={state.deviceId} {...(state.requestId ? { requestId: state.requestId } : {})} onRetry={() => session.retryNow()} />;
  if (state.kind === 'code-refused' && !wantsToken) return <CodeRefused message={state.message} onUseToken={() => setWantsToken(true)} />;
  if (state.kind === 'stopped') return <ConnectionStopped message={state.message} onRetry={() => session.retryNow()} />;
  if (state.kind === 'signed-out' || state.kind === 'code-refused' || (!signedIn && state.kind !== 'connected')) {
    const busy = state.kind === 'connecting' || state.kind === 'starting' || state.kind === 'reconnecting';
    if (busy && state.kind === 'starting') return <p className="sign-in__splash" role="status">{webStrings.connection.connecting}</p>;
    return <SignInForm {...(state.kind === 'signed-out' && state.problem ? { problem: state.problem } : {})} busy={busy} onSubmit={(token) => session.signInWithToken(token)} />;
  }

  // While reconnecting, the last known list of pages stays.
  const pages = availablePages(state.kind === 'connected' ? state.gateway.methods : session.lastMethods);
  const requested = pageFromHash(hash);
  const page = requested !== undefined && pages.includes(requested) ? requested : (pages[0] ?? 'overview');
  return <WebShell session={session} bridge={bridge} state={state} pages={pages} page={page} />;
}
