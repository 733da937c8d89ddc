/**
 * The browser Control UI's entry: the page the gateway serves at its base path. The same views
 * as the tray's windows, given a bridge over the gateway WebSocket (web-bridge.ts) instead of
 * Electron IPC.
 */
// First, so its body runs before the rest of the bundle is evaluated (see early-start.ts).
import './early-start';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles.css';
import '../styles/panel.css';
import '../styles/approvals.css';
import '../styles/pairing.css';
import '../styles/chat.css';
import '../styles/settings.css';
import '../styles/logs.css';
import '../styles/scheduled.css';
import './web.css';
import { GatewaySession } from './gateway-session';
import { readPageAddress } from './sign-in-link';
import { applyTheme, storedTheme } from './theme';
import { WebApp } from './WebApp';
import { WebBridge } from './web-bridge';
import { pageForWindow, pageFromHash } from './web-pages';
import { preloadPage } from './WebShell';

// Before the first paint: the chosen theme, and the login code out of the address and history.
applyTheme(storedTheme());
const address = readPageAddress(window.location, window.history, document);
// The page the address lands on is fetched while the page connects, so it shows as soon as it may.
const landing = pageFromHash(window.location.hash);
if (landing !== undefined) preloadPage(landing);

const session = new GatewaySession({
  socketUrl: address.socketUrl,
  clientVersion: __GATEHOUSE_VERSION__,
  ...(address.loginCode === undefined ? {} : { loginCode: address.loginCode }),
});
const bridge = new WebBridge({
  session,
  socketUrl: address.socketUrl,
  clientVersion: __GATEHOUSE_VERSION__,
  openPage: (view) => {
    window.location.hash = `#${pageForWindow(view)}`;
  },
  showingChat: () => pageFromHash(window.location.hash) === 'chat',
});

const container = document.getElementById('root');
if (container === null) throw new Error('control ui: #root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <WebApp session={session} bridge={bridge} />
  </StrictMode>,
);
void session.start();
