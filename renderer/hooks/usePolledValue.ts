import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventChannel, EventPayload, GatehouseBridge } from '../../shared/ipc/contract';
import type { LiveValue } from './useLiveValue';

export interface PolledValue<T> {
  live: LiveValue<T>;
  /** Asks main again now (for "Check now", or after an action); resolves when the answer is in. */
  reload(load?: (bridge: GatehouseBridge) => Promise<T>): Promise<void>;
}

/**
 * A value main can tell us about (`event`) but that also changes where nobody tells us (an
 * account's last message time, a code expiring): asked for at once, again every `intervalMs`
 * while the window is visible, and replaced by each event. The last answer to arrive wins; a
 * failed refresh keeps the value shown.
 */
export function usePolledValue<E extends EventChannel>(
  bridge: GatehouseBridge | undefined,
  event: E,
  load: (bridge: GatehouseBridge) => Promise<EventPayload<E>>,
  accept: (value: unknown) => value is EventPayload<E>,
  intervalMs: number,
): PolledValue<EventPayload<E>> {
  type T = EventPayload<E>;
  const [live, setLive] = useState<LiveValue<T>>(bridge ? { status: 'loading' } : { status: 'failed' });
  const loadRef = useRef(load);
  const acceptRef = useRef(accept);
  loadRef.current = load;
  acceptRef.current = accept;
  const sequence = useRef(0);
  const mounted = useRef(true);

  const reload = useCallback(
    async (custom?: (bridge: GatehouseBridge) => Promise<T>): Promise<void> => {
      if (!bridge) return;
      const ticket = ++sequence.current;
      try {
        const value = await (custom ?? loadRef.current)(bridge);
        if (!mounted.current || ticket !== sequence.current) return;
        if (acceptRef.current(value)) setLive({ status: 'ready', value });
        else setLive((previous) => (previous.status === 'ready' ? previous : { status: 'failed' }));
      } catch {
        if (mounted.current && ticket === sequence.current) setLive((previous) => (previous.status === 'ready' ? previous : { status: 'failed' }));
      }
    },
    [bridge],
  );

  useEffect(() => {
    mounted.current = true;
    if (!bridge) return;
    const subscription = bridge.on(event, (payload) => {
      if (!acceptRef.current(payload)) return;
      // An event is newer than any answer still on its way.
      sequence.current += 1;
      setLive({ status: 'ready', value: payload });
    });
    void reload();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, intervalMs);
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      mounted.current = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      bridge.off(subscription);
    };
  }, [bridge, event, intervalMs, reload]);

  return { live, reload };
}
