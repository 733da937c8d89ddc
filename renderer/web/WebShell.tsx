import { Suspense, useEffect, useRef, useState } from 'react';
import type { GatehouseBridge } from '../../shared/ipc/contract';
import { loadChatWindowChunk } from './chat-chunk';
import type { GatewaySession, SessionState } from './gateway-session';
import { lazyComponent, type LazyComponent } from '../components/lazy-component';
import { OverviewPage } from './OverviewPage';
import { applyTheme, nextTheme, storedTheme, type ThemeChoice } from './theme';
import type { WebPage } from './web-pages';
import { webStrings } from './web-strings';

export interface WebShellProps {
  session: GatewaySession;
  bridge: GatehouseBridge;
  state: SessionState;
  pages: readonly WebPage[];
  page: WebPage;
}

interface PageProps {
  session: GatewaySession;
  bridge: GatehouseBridge;
}

// Every page but the overview is its own chunk, fetched when first opened (or, for the page the
// address lands on, while the page connects: main.tsx preloads it), so the first load carries the
// shell and nothing of the pages it does not show. Chat brings Markdown rendering and code
// highlighting; early-start.ts starts its fetch even before React has been evaluated.
const lazyPages: Record<Exclude<WebPage, 'overview'>, LazyComponent<PageProps>> = {
  chat: lazyComponent(() => loadChatWindowChunk().then(({ ChatWindow }) => ({ bridge }: PageProps) => <ChatWindow bridge={bridge} />)),
  sessions: lazyComponent(() => import('./pages/SessionsPage').then(({ SessionsPage }) => ({ session }: PageProps) => <SessionsPage session={session} />)),
  approvals: lazyComponent(() => import('../views/ApprovalsPrompt').then(({ ApprovalsPrompt }) => ({ bridge }: PageProps) => <ApprovalsPrompt bridge={bridge} />)),
  pairing: lazyComponent(() => import('../views/PairingPanel').then(({ PairingPanel }) => ({ bridge }: PageProps) => <PairingPanel bridge={bridge} />)),
  scheduled: lazyComponent(() => import('../views/ScheduledWindow').then(({ ScheduledWindow }) => ({ bridge }: PageProps) => <ScheduledWindow bridge={bridge} />)),
  channels: lazyComponent(() => import('./pages/ChannelsPage').then(({ ChannelsPage }) => ({ bridge }: PageProps) => <ChannelsPage bridge={bridge} />)),
  logs: lazyComponent(() => import('../views/LogsView').then(({ LogsView }) => ({ bridge }: PageProps) => <LogsView bridge={bridge} />)),
  nodes: lazyComponent(() => import('./pages/NodesPage').then(({ NodesPage }) => ({ session }: PageProps) => <NodesPage session={session} />)),
  skills: lazyComponent(() => import('./pages/SkillsPage').then(({ SkillsPage }) => ({ bridge }: PageProps) => <SkillsPage bridge={bridge} />)),
  usage: lazyComponent(() => import('./pages/UsagePage').then(({ UsagePage }) => ({ session }: PageProps) => <UsagePage session={session} />)),
  config: lazyComponent(() => import('./pages/ConfigPage').then(({ ConfigPage }) => ({ session }: PageProps) => <ConfigPage session={session} />)),
  // In the browser, channels have a page of their own instead of a section of Settings.
  settings: lazyComponent(() => import('../views/SettingsWindow').then(({ SettingsWindow }) => ({ bridge }: PageProps) => <SettingsWindow bridge={bridge} showChannels={false} />)),
  // The gateway's setup wizard (renderer/views/wizard).
  setup: lazyComponent(() => import('../views/wizard/SetupPage').then(({ SetupPage }) => ({ bridge }: PageProps) => <SetupPage bridge={bridge} />)),
};

/** Starts fetching `page`'s chunk now (the page the address lands on), so it renders at once when connected. */
export function preloadPage(page: WebPage): void {
  if (page !== 'overview') lazyPages[page].preload().catch(() => undefined);
}

function PageView({ page, session, bridge }: { page: WebPage } & PageProps) {
  if (page === 'overview') return <OverviewPage session={session} />;
  const { Component: Page } = lazyPages[page];
  return (
    <Suspense fallback={<p className="muted" role="status">{webStrings.connection.loading}</p>}>
      <Page session={session} bridge={bridge} />
    </Suspense>
  );
}

/** The page frame: a skip link, the bar with navigation, connection state, theme and sign-out, then the page. */
export function WebShell({ session, bridge, state, pages, page }: WebShellProps) {
  const s = webStrings;
  const [theme, setTheme] = useState<ThemeChoice>(storedTheme);
  const [menuOpen, setMenuOpen] = useState(false);
  const content = useRef<HTMLDivElement>(null);

  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    document.title = `${s.pages[page]} · ${s.productName}`;
    setMenuOpen(false);
  }, [page, s]);

  const connection = state.kind === 'connected' ? s.connection.connected : state.kind === 'reconnecting' ? s.connection.reconnecting : s.connection.connecting;
  const themeLabel = theme === 'system' ? s.theme.system : theme === 'light' ? s.theme.light : s.theme.dark;

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#content"
        onClick={(event) => {
          // The hash names the page; moving focus must not change it.
          event.preventDefault();
          content.current?.focus();
        }}
      >
        {s.skipToContent}
      </a>
      <header className="shell__bar">
        <span className="shell__brand">{s.productName}</span>
        <button
          type="button"
          className="button button--quiet shell__menu"
          aria-expanded={menuOpen}
          aria-controls="shell-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {s.menu}
        </button>
        <nav id="shell-nav" className={`shell__nav${menuOpen ? ' shell__nav--open' : ''}`} aria-label={s.navLabel}>
          <ul>
            {pages.map((name) => (
              <li key={name}>
                <a href={`#${name}`} aria-current={name === page ? 'page' : undefined} data-testid={`nav-${name}`}>
                  {s.pages[name]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="shell__tools">
          <span className={`shell__connection shell__connection--${state.kind}`} role="status" data-testid="connection-state">
            {connection}
          </span>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => setTheme(nextTheme)}
            aria-label={`${s.theme.label}: ${themeLabel}`}
            title={`${s.theme.label}: ${themeLabel}`}
            data-testid="theme-toggle"
          >
            {theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'}
            <span className="shell__tool-text">{themeLabel}</span>
          </button>
          <button type="button" className="button button--small button--quiet" onClick={() => void session.signOut()}>
            {s.signOut}
          </button>
        </div>
      </header>
      <div id="content" ref={content} className="shell__content" tabIndex={-1}>
        <PageView key={page} page={page} session={session} bridge={bridge} />
      </div>
    </div>
  );
}
