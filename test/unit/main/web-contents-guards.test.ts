import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { appOriginOf } from '../../../main/security/app-origin.js';
import { secureWebPreferences } from '../../../main/security/secure-web-preferences.js';
import {
  installWebContentsGuards,
  type GuardedWebContents,
  type NavigationEvent,
  type SecurityViolation,
} from '../../../main/security/web-contents-guards.js';

/** Stands in for a WebContents: records the handlers the guards install. */
class FakeWebContents extends EventEmitter implements GuardedWebContents {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  permissionRequestHandler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  permissionCheckHandler: ((webContents: unknown, permission: string) => boolean) | undefined;

  readonly session = {
    setPermissionRequestHandler: (handler: NonNullable<FakeWebContents['permissionRequestHandler']>) => {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler: (handler: NonNullable<FakeWebContents['permissionCheckHandler']>) => {
      this.permissionCheckHandler = handler;
    },
  };

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** Emits a navigation-like event and tells whether a guard prevented it. */
  attempt(event: 'will-frame-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    let prevented = false;
    const navigation: NavigationEvent = { url, preventDefault: () => (prevented = true) };
    this.emit(event, navigation);
    return prevented;
  }
}

function setUp(entryUrl = 'app://gatehouse/index.html') {
  const app = new EventEmitter();
  const violations: SecurityViolation[] = [];
  const opened: string[] = [];
  installWebContentsGuards(app, {
    origin: appOriginOf(entryUrl),
    onViolation: (v) => violations.push(v),
    openExternal: (url) => opened.push(url),
  });
  const contents = new FakeWebContents();
  app.emit('web-contents-created', {}, contents);
  return { contents, violations, opened };
}

describe('web contents guards', () => {
  it('deny every new window, handing web and mail links to the system browser', () => {
    const { contents, violations, opened } = setUp();

    expect(contents.windowOpenHandler?.({ url: 'https://example.com/a?b=1' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'mailto:someone@example.com' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://gatehouse/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/a?b=1', 'mailto:someone@example.com']);
    expect(violations.map((v) => v.kind === 'window-open' && v.url)).toEqual([
      'app://gatehouse/index.html',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]);
  });

  it('allow navigation within the app origin only', () => {
    const { contents, violations } = setUp();

    expect(contents.attempt('will-frame-navigate', 'app://gatehouse/index.html#/settings')).toBe(false);
    expect(contents.attempt('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-frame-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-redirect', 'http://127.0.0.1:18789/')).toBe(true);
    expect(violations).toEqual([
      { kind: 'navigation', url: 'https://evil.example/' },
      { kind: 'navigation', url: 'file:///etc/passwd' },
      { kind: 'redirect', url: 'http://127.0.0.1:18789/' },
    ]);
  });

  it('follow the dev server origin under `electron-vite dev`', () => {
    const { contents } = setUp('http://localhost:5173/');

    expect(contents.attempt('will-frame-navigate', 'http://localhost:5173/index.html')).toBe(false);
    expect(contents.attempt('will-frame-navigate', 'app://gatehouse/index.html')).toBe(true);
  });

  it('refuse <webview>', () => {
    const { contents } = setUp();

    expect(contents.attempt('will-attach-webview')).toBe(true);
  });

  it('deny every permission request and check but clipboard writes', () => {
    const { contents, violations } = setUp();
    const answers: boolean[] = [];

    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'clipboard-sanitized-write']) {
      contents.permissionRequestHandler?.(contents, permission, (granted) => answers.push(granted));
    }

    expect(answers).toEqual([false, false, false, false, false, true]);
    expect(contents.permissionCheckHandler?.(contents, 'notifications')).toBe(false);
    expect(contents.permissionCheckHandler?.(contents, 'clipboard-read')).toBe(false);
    expect(contents.permissionCheckHandler?.(contents, 'clipboard-sanitized-write')).toBe(true);
    expect(violations).toContainEqual({ kind: 'permission', permission: 'media' });
  });
});

describe('secureWebPreferences', () => {
  it('turns on isolation and the sandbox and keeps Node out of the page', () => {
    expect(secureWebPreferences('/app/out/preload/panel.cjs')).toMatchObject({
      preload: '/app/out/preload/panel.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('cannot be loosened afterwards', () => {
    const preferences = secureWebPreferences('/p.cjs') as { sandbox: boolean };
    expect(() => {
      preferences.sandbox = false;
    }).toThrow(TypeError);
  });
});
