import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventChannel, EventPayload, GatehouseBridge } from '../../shared/ipc/contract';

export type LiveValue<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed' };

/**
 * A value main keeps current: asked for once, then replaced by each `event`. Subscribes before
 * asking, so nothing is missed, and an event that arrives before the answer wins over it.
 * Payloads that fail `accept` are ignored (main is trusted, but a wrong shape must not crash
 * the window).
 */
export function useLiveValue<E extends EventChannel>(
  bridge: GatehouseBridge | undefined,
  event: E,
  load: (bridge: GatehouseBridge) => Promise<EventPayload<E>>,
  accept: (value: unknown) => value is EventPayload<E>,
): LiveValue<EventPayload<E>> {
  const [live, setLive] = useState<LiveValue<EventPayload<E>>>(bridge ? { status: 'loading' } : { status: 'failed' });
  // The callbacks are read when the effect runs; they need not be stable.
  const loadRef = useRef(load);
  const acceptRef = useRef(accept);
  loadRef.current = load;
  acceptRef.current = accept;

  useEffect(() => {
    if (!bridge) return;
    let current = true;
    let heardEvent = false;
    const subscription = bridge.on(event, (payload) => {
      if (!current || !acceptRef.current(payload)) return;
      heardEvent = true;
      setLive({ status: 'ready', value: payload });
    });
    loadRef.current(bridge).then(
      (value) => {
        if (!current || heardEvent) return;
        setLive(acceptRef.current(value) ? { status: 'ready', value } : { status: 'failed' });
      },
      () => {
        if (current && !heardEvent) setLive({ status: 'failed' });
      },
    );
    return () => {
      current = false;
      bridge.off(subscription);
    };
  }, [bridge, event]);

  return live;
}

/** Every listener of one event for as long as the component is mounted. */
export function useBridgeEvent<E extends EventChannel>(
  bridge: GatehouseBridge | undefined,
  event: E,
  listener: (payload: EventPayload<E>) => void,
): void {
  const listenerRef = useRef(listener);
  listenerRef.current = listener;
  const forward = useCallback((payload: EventPayload<E>) => listenerRef.current(payload), []);
  useEffect(() => {
    if (!bridge) return;
    const subscription = bridge.on(event, forward);
    return () => bridge.off(subscription);
  }, [bridge, event, forward]);
}

export function isArrayOf<T>(check: (item: unknown) => boolean) {
  return (value: unknown): value is T[] => Array.isArray(value) && value.every(check);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
