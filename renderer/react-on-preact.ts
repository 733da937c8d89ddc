/**
 * What `react` resolves to in both renderer builds (build/preact-compat.ts): preact/compat, with
 * passive effects (useEffect) run the way React runs them: in a task of their own right after the
 * commit. Preact's default waits for the next animation frame (or 35 ms), which is later than
 * React on every chain of effect → state → effect the views have, never comes in a window that is
 * hidden (its frames stop and its timers slow to one a second), and never comes under a test's
 * paused fake clock. MessageChannel is neither throttled in hidden windows nor faked by such clocks.
 */
import { options } from 'preact';

const pending: (() => void)[] = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => {
  for (const flush of pending.splice(0)) flush();
};
options.requestAnimationFrame = (flush) => {
  if (pending.push(flush) === 1) channel.port2.postMessage(null);
};

// @ts-expect-error -- preact/compat's types are one `export =` namespace; the module itself has ES named exports, which the views import as React's.
export * from 'preact/compat';
export { default } from 'preact/compat';
