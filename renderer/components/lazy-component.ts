import { createElement, lazy, useEffect, useState, type ComponentType } from 'react';

export interface LazyComponent<P extends object> {
  /** Renders the component, suspending (to the nearest Suspense) only while its chunk is still on the way. */
  Component: ComponentType<P>;
  /** Starts fetching the chunk now; resolves once the component can render without suspending. */
  preload: () => Promise<ComponentType<P>>;
  /** The component, once its chunk has arrived. */
  loaded: () => ComponentType<P> | undefined;
}

/**
 * A component fetched as its own chunk on first use, like React.lazy, except that once the chunk
 * has arrived it renders at once. React.lazy suspends on the first render of each lazy component
 * even when its import resolved long before (it only reads the promise's result in a later task):
 * a fallback commit and a second render pass, which React 19 also holds back until 300 ms after
 * the fallback appeared.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> => {
    loading ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        // Not kept: the next render tries the fetch again.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const Suspending = lazy(async () => ({ default: await preload() }));
  function Component(props: P) {
    return createElement(loaded ?? Suspending, props);
  }
  return { Component, preload, loaded: () => loaded };
}

export type LazyState<P extends object> = { state: 'loading' } | { state: 'ready'; Component: ComponentType<P> } | { state: 'failed' };

/**
 * The component once its chunk has arrived, fetching it if needed, without suspending: for a part
 * of a view that may appear after the rest (the rest stays usable meanwhile), where a Suspense
 * fallback would hold the part back by React's fallback throttle.
 */
export function useLazyComponent<P extends object>(component: LazyComponent<P>): LazyState<P> {
  const [state, setState] = useState<LazyState<P>>(() => {
    const ready = component.loaded();
    return ready === undefined ? { state: 'loading' } : { state: 'ready', Component: ready };
  });
  const loading = state.state === 'loading';
  useEffect(() => {
    if (!loading) return;
    let current = true;
    component.preload().then(
      (Component) => current && setState({ state: 'ready', Component }),
      () => current && setState({ state: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [component, loading]);
  return state;
}
