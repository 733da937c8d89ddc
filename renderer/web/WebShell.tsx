import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { GatehouseBridge } from '../../shared/ipc/contract';
import { ViewFrame } from '../components/ViewFrame';
import { ApprovalsPrompt } from '../views/ApprovalsPrompt';
import { LogsView } from '../views/LogsView';
import { PairingPanel } from '../views/PairingPanel';
import { ScheduledWindow } from '../views/ScheduledWindow';
import { ChannelsSection } from '../views/settings/channels/ChannelsSection';
import { SettingsWindow } from '../views/SettingsWindow';
import { loadChatWindowChunk } from './chat-chunk';
import type { GatewaySession, SessionState } from './gateway-session';
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

// Chat brings Markdown rendering and code highlighting: loaded when the page is first opened,
// so every other page starts without them (when chat is the landing page, main.tsx starts it early).
const ChatWindow = lazy(() => loadChatWindowChunk().then((module) => ({ default: module.ChatWindow })));
// Sessions, Nodes, Skills, Usage and Config (renderer/web/pages): each its own chunk, fetched when opened.
const SessionsPage = lazy(() => import('./pages/SessionsPage').then((module) => ({ default: module.SessionsPage })));
const NodesPage = lazy(() => import('./pages/NodesPage').then((module) => ({ default: module.NodesPage })));
const SkillsPage = lazy(() => import('./pages/SkillsPage').then((module) => ({ default: module.SkillsPage })));
const UsagePage = lazy(() => import('./pages/UsagePage').then((module) => ({ default: module.UsagePage })));
const ConfigPage = lazy(() => import('./pages/ConfigPage').then((module) => ({ default: module.ConfigPage })));
const SetupPage = lazy(() => import('../views/wizard/SetupPage').then((module) => ({ default: module.SetupPage })));

function PageView({ page, session, bridge }: { page: WebPage; session: GatewaySession; bridge: GatehouseBridge }) {
  switch (page) {
    case 'overview':
      return <OverviewPage session={session} />;
    case 'chat':
      return (
        <Suspense fallback={<p className="muted" role="status">{webStrings.connection.loading}</p>}>
          <ChatWindow bridge={bridge} />
        </Suspense>
      );
    case 'skills':
      return (
        <Suspense fallback={<p className="muted" role="status">{webStrings.connection.loading}</p>}>
          <SkillsPage bridge={bridge} />
        </Suspense>
      );
    case 'sessions':
    case 'nodes':
    case 'usage':
    case 'config': {
      const Page = { sessions: SessionsPage, nodes: NodesPage, usage: UsagePage, config: ConfigPage }[page];
      return (
        <Suspense fallback={<p className="muted" role="status">{webStrings.connection.loading}</p>}>
          <Page session={session} />
        </Suspense>
      );
    }
    case 'approvals':
      return <ApprovalsPrompt bridge={bridge} />;
    case 'pairing':
      return <PairingPanel bridge={bridge} />;
    case 'scheduled':
      return <ScheduledWindow bridge={bridge} />;
    case 'channels':
      return (
        <ViewFrame name="channels" title={webStrings.pages.channels} bridge={bridge}>
          <ChannelsSection bridge={bridge} />
        </ViewFrame>
      );
    case 'logs':
      return <LogsView bridge={bridge} />;
    case 'settings':
      return <SettingsWindow bridge={bridge} showChannels={false} />;
    case 'setup':
      return (
        <Suspense fallback={<p className="muted" role="status">{webStrings.connection.loading}</p>}>
          <SetupPage bridge={bridge} />
        </Suspense>
      );
  }
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
