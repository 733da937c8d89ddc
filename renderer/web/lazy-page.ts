import { createElement, lazy, type ComponentType } from 'react';

export interface LazyPage<P extends object> {
  /** Renders the page, suspending (to the nearest Suspense) only while its chunk is still on the way. */
  Page: ComponentType<P>;
  /** Starts fetching the chunk now; resolves once the page can render without suspending. */
  preload: () => Promise<ComponentType<P>>;
}

/**
 * A page fetched as its own chunk on first use, like React.lazy, except that once the chunk has
 * arrived the page renders at once. React.lazy suspends on the first render of each lazy
 * component even when its import resolved long before (it only reads the promise's result in a
 * later task), which would cost the landing page, whose chunk is fetched while the page connects,
 * a fallback commit and a second render pass just when it becomes usable.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
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
  function Page(props: P) {
    return createElement(loaded ?? Suspending, props);
  }
  return { Page, preload };
}
