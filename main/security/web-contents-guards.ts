/**
 * Security restrictions for every web contents the app creates, in one place, hooked on
 * `web-contents-created` (the pattern of Podman Desktop and the Electron security checklist):
 *
 * - no new windows: `window.open`, `target=_blank` and friends are denied; an http(s) or
 *   mailto link (a link in a chat reply) is handed to the system browser instead;
 * - no navigation or redirect off the app's own origin, in any frame;
 * - no `<webview>`;
 * - every permission request and permission check is denied, except writing text to the
 *   clipboard (the chat's Copy buttons), which Chromium sanitises and which reads nothing.
 *
 * Electron comes in through the small structural interfaces below, so tests drive the guards
 * with plain objects; Electron's own `app` and `WebContents` satisfy them as they are.
 */
import type { AppOrigin } from './app-origin.js';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationEvent extends PreventableEvent {
  url: string;
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

export interface GuardedWebContents {
  readonly session: PermissionSession;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface WebContentsSource<W extends GuardedWebContents> {
  on(event: 'web-contents-created', listener: (event: unknown, contents: W) => void): unknown;
}

export type SecurityViolation =
  | { kind: 'window-open'; url: string }
  | { kind: 'navigation'; url: string }
  | { kind: 'redirect'; url: string }
  | { kind: 'webview' }
  | { kind: 'permission'; permission: string };

export interface WebContentsGuardOptions {
  origin: AppOrigin;
  /** Told about every denied attempt; the app logs it. Never receives page content. */
  onViolation?: (violation: SecurityViolation) => void;
  /** Opens a link in the system browser (Electron's shell.openExternal in the app). */
  openExternal?: (url: string) => void;
}

/** Schemes a page may hand to the system browser; anything else (file:, custom handlers) could run code. */
const EXTERNAL_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

/** Permissions granted to our own pages: clipboard writes only (Chromium sanitises them; nothing is read). */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

function externalUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return EXTERNAL_SCHEMES.has(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Install the guards. Call before the first window is created (that is, before `ready`). */
export function installWebContentsGuards<W extends GuardedWebContents>(
  source: WebContentsSource<W>,
  options: WebContentsGuardOptions,
): void {
  source.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));
}

export function guardWebContents(contents: GuardedWebContents, { origin, onViolation, openExternal }: WebContentsGuardOptions): void {
  const report = onViolation ?? (() => {});

  contents.setWindowOpenHandler(({ url }) => {
    const external = origin.contains(url) ? undefined : externalUrl(url);
    if (external !== undefined && openExternal !== undefined) openExternal(external);
    else report({ kind: 'window-open', url });
    return { action: 'deny' };
  });

  contents.on('will-frame-navigate', (event) => {
    if (!origin.contains(event.url)) {
      event.preventDefault();
      report({ kind: 'navigation', url: event.url });
    }
  });

  contents.on('will-redirect', (event) => {
    if (!origin.contains(event.url)) {
      event.preventDefault();
      report({ kind: 'redirect', url: event.url });
    }
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    report({ kind: 'webview' });
  });

  // Handlers are per session; setting them again for a second window of the same session is
  // harmless and keeps a future partition from slipping through with Chromium's defaults.
  contents.session.setPermissionRequestHandler((_webContents, permission, callback) => {
    const granted = GRANTED_PERMISSIONS.has(permission);
    if (!granted) report({ kind: 'permission', permission });
    callback(granted);
  });
  contents.session.setPermissionCheckHandler((_webContents, permission) => GRANTED_PERMISSIONS.has(permission));
}
