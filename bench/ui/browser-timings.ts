/**
 * Navigation timings of the real Control UI in Debian Chromium, taken inside the page: a script
 * installed before the page's own code records `performance.now()` (ms since navigation start)
 * on the first animation frame at which the chat composer is enabled, when a session in the list
 * is clicked, and on the first frame at which that session's newest message is in the transcript.
 * Each mark is also written to the console, which is how the bench learns of it: waiting with
 * `page.waitForFunction` would have Playwright inject its own script (tens of milliseconds of
 * main-thread work on this machine) into the page while the page is still being measured.
 */
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { ChromiumCpuLedger } from './browser-cpu.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './settings.js';
import type { UiGateway } from './ui-gateway.js';

export interface NavigationMarks {
  /** The composer is enabled: a message can be typed and sent. */
  usableMs: number;
  /** Click on the long session in the list → its newest message painted (only when one was asked for). */
  openMs?: number;
}

const MARK_PREFIX = 'gatehouse-bench:';

/**
 * Runs in the page before its scripts (as text: the bench compiles without DOM types): checks
 * once per frame until both marks are set.
 */
function markScript(marker: string | null): string {
  return `(() => {
  const marker = ${JSON.stringify(marker)};
  const marks = (window.__benchMarks = {});
  document.addEventListener('click', (event) => {
    if (marks.opened === undefined && event.target instanceof Element && event.target.closest('.sessions__item')) marks.opened = performance.now();
  }, true);
  const check = () => {
    if (marks.usable === undefined) {
      const input = document.querySelector('.composer__input');
      if (input !== null && !input.disabled) {
        marks.usable = performance.now();
        console.debug('${MARK_PREFIX}usable');
      }
    }
    if (marker !== null && marks.opened !== undefined && marks.newest === undefined && document.querySelector('.chat-transcript')?.textContent?.includes(marker)) {
      marks.newest = performance.now();
      console.debug('${MARK_PREFIX}newest');
    }
    if (marks.usable === undefined || (marker !== null && marks.newest === undefined)) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;
}

/** Resolves when the mark script reports `mark` on the page's console. */
function markReported(page: Page, mark: 'usable' | 'newest'): Promise<void> {
  const reported = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      page.off('console', onConsole);
      reject(new Error(`ui bench: the page did not report "${mark}" within 30 s`));
    }, 30_000);
    const onConsole = (message: ConsoleMessage): void => {
      if (message.text() !== `${MARK_PREFIX}${mark}`) return;
      clearTimeout(timer);
      page.off('console', onConsole);
      resolve();
    };
    page.on('console', onConsole);
  });
  // Awaited only once the navigation or click has been made; should that throw first, the
  // timeout's rejection must not surface as an unhandled one.
  reported.catch(() => undefined);
  return reported;
}

interface Marks {
  usable?: number;
  opened?: number;
  newest?: number;
}

/** Read in the page (a function, not text: the page's CSP forbids evaluating strings). */
function marksOf(): Marks | undefined {
  return (globalThis as { __benchMarks?: Marks }).__benchMarks;
}

/**
 * Where a navigation happens. `tab`: the tab the bench keeps open, sent to about:blank and back,
 * as when a person opens the page again in a browser already showing another. `new-tab`: a fresh
 * tab, for which Chromium also sets up its own omnibox and composebox WebUI (over a hundred
 * requests of its own, on the same two cores) while the page loads.
 */
export type NavigationPlace = 'tab' | 'new-tab';

export class UiBrowser {
  #tab: Page | undefined;

  private constructor(
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    private readonly cpu: ChromiumCpuLedger,
  ) {}

  /** A browser signed in to `gateway` once with its token; later navigations use the device token it then holds. */
  static async signedIn(gateway: UiGateway): Promise<UiBrowser> {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const cpu = new ChromiumCpuLedger();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(gateway.origin);
      await page.getByLabel('Gateway token').fill(gateway.token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // The page says "Connected" only once the device token it was issued is in IndexedDB
      // (gateway-session.ts), so closing it now keeps the sign-in for the navigations below.
      await page.getByTestId('connection-state').getByText('Connected').waitFor({ timeout: 30_000 });
      cpu.note();
      await page.close();
      return new UiBrowser(browser, context, cpu);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  /**
   * One navigation to the chat page until the composer is usable; with `open`, then a click on
   * that session in the list until its newest message (`open.marker`) is painted.
   */
  async openChat(gateway: UiGateway, options: { place: NavigationPlace; open?: { label: string; marker: string } }): Promise<NavigationMarks> {
    const { place, open } = options;
    const page = place === 'tab' ? await this.#keptTab(open?.marker ?? null) : await this.context.newPage();
    try {
      if (place === 'new-tab') await page.addInitScript({ content: markScript(open?.marker ?? null) });
      const usable = markReported(page, 'usable');
      await page.goto(new URL('#chat', gateway.origin).href, { waitUntil: 'commit' });
      await usable;
      if (open !== undefined) {
        const newest = markReported(page, 'newest');
        await page.locator('.sessions__item', { hasText: open.label }).click();
        await newest;
      }
      const marks = (await page.evaluate(marksOf)) ?? {};
      const openMs = marks.newest !== undefined && marks.opened !== undefined ? marks.newest - marks.opened : undefined;
      return { usableMs: marks.usable ?? Number.NaN, ...(openMs === undefined ? {} : { openMs }) };
    } finally {
      // Before the tab goes: its renderer may go with it.
      this.cpu.note();
      if (place === 'new-tab') await page.close();
      else await page.goto('about:blank');
    }
  }

  /** The one tab `tab` navigations use, its mark script installed once for every document it loads. */
  async #keptTab(marker: string | null): Promise<Page> {
    if (this.#tab === undefined) {
      this.#tab = await this.context.newPage();
      await this.#tab.addInitScript({ content: markScript(marker) });
    }
    return this.#tab;
  }

  /** Closes the browser; returns the CPU seconds its helpers used unseen by the load meter (browser-cpu.ts). */
  async close(): Promise<number> {
    return this.cpu.closeCounting(() => this.browser.close());
  }
}
