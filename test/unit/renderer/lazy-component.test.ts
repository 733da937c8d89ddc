import { createElement, lazy, Suspense, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyComponent, useLazyComponent, type LazyComponent } from '../../../renderer/components/lazy-component.js';

const Greeting: ComponentType<{ name: string }> = ({ name }) => createElement('p', null, `hello ${name}`);

function inSuspense(page: ComponentType<{ name: string }>): string {
  return renderToString(createElement(Suspense, { fallback: createElement('p', null, 'loading') }, createElement(page, { name: 'ada' })));
}

describe('lazyComponent', () => {
  it('suspends while its chunk is on the way', () => {
    const { Component: Page } = lazyComponent(() => new Promise<ComponentType<{ name: string }>>(() => undefined));
    expect(inSuspense(Page)).toContain('loading');
  });

  it('renders at once, without a fallback, once its chunk has arrived', async () => {
    const { Component: Page, preload } = lazyComponent(async () => Greeting);
    await preload();
    expect(inSuspense(Page)).toContain('hello ada');
    // What React.lazy does with a chunk that arrived long ago: it still suspends on first render.
    const AlreadyImported = lazy(async () => ({ default: Greeting }));
    expect(inSuspense(AlreadyImported)).toContain('loading');
  });

  it('fetches the chunk once, however often it is preloaded', async () => {
    let loads = 0;
    const { preload } = lazyComponent(async () => {
      loads += 1;
      return Greeting;
    });
    await Promise.all([preload(), preload()]);
    await preload();
    expect(loads).toBe(1);
  });

  it('tries again after a failed fetch', async () => {
    let attempt = 0;
    const { Component: Page, preload } = lazyComponent(async () => {
      attempt += 1;
      if (attempt === 1) throw new Error('offline');
      return Greeting;
    });
    await expect(preload()).rejects.toThrow('offline');
    await preload();
    expect(inSuspense(Page)).toContain('hello ada');
  });
});

describe('useLazyComponent', () => {
  function Host({ part }: { part: LazyComponent<{ name: string }> }) {
    const chunk = useLazyComponent(part);
    return chunk.state === 'ready' ? createElement(chunk.Component, { name: 'ada' }) : createElement('p', null, chunk.state);
  }

  it('shows the rest of the view while the part is on the way, without suspending it', () => {
    const part = lazyComponent(() => new Promise<ComponentType<{ name: string }>>(() => undefined));
    expect(renderToString(createElement(Host, { part }))).toContain('loading');
  });

  it('renders the part in the first pass once its chunk has arrived', async () => {
    const part = lazyComponent(async () => Greeting);
    await part.preload();
    expect(renderToString(createElement(Host, { part }))).toContain('hello ada');
  });
});
