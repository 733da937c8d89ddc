/**
 * The companion's small interfaces (companion-ports.ts, secret-box.ts, launch-at-login.ts) on
 * top of Electron. Everything here is a thin adapter; the behaviour lives in the services.
 */
import { app, clipboard, Notification, safeStorage } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Clipboard, Notifier } from '../companion/companion-ports.js';
import type { SecretBox } from '../identity/secret-box.js';
import { LoginItemLaunchAtLogin, XdgAutostartLaunchAtLogin, type LaunchAtLogin } from '../settings/launch-at-login.js';

/** Shown notifications, referenced until they are clicked or closed: one collected early loses its click handler. */
const shownNotifications = new Set<Notification>();

export const electronNotifier: Notifier = {
  isSupported: () => Notification.isSupported(),
  show({ title, body, onClick }) {
    const notification = new Notification({ title, body, silent: false });
    shownNotifications.add(notification);
    const forget = (): void => {
      shownNotifications.delete(notification);
    };
    notification.on('click', () => {
      forget();
      onClick?.();
    });
    notification.on('close', forget);
    notification.on('failed', forget);
    notification.show();
    // Withdrawn when the request it announces is settled elsewhere (another device, the CLI).
    return {
      close: () => {
        forget();
        notification.close();
      },
    };
  },
};

export const electronClipboard: Clipboard = {
  writeText: (text) => clipboard.writeText(text),
};

/**
 * safeStorage as the SecretBox. On Linux, the `basic_text` backend (no keyring found) is a
 * hard-coded key, not protection: it counts as "encryption unavailable", so the UI warns.
 * https://www.electronjs.org/docs/latest/api/safe-storage#safestoragegetselectedstoragebackend-linux
 */
export const safeStorageSecretBox: SecretBox = {
  isEncryptionAvailable: () =>
    safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
  encrypt: (text) => safeStorage.encryptString(text),
  decrypt: (data) => safeStorage.decryptString(data),
};

/** Electron's login items where they exist (macOS, Windows); an XDG autostart entry on Linux. */
export function electronLaunchAtLogin(): LaunchAtLogin {
  if (process.platform !== 'linux') return new LoginItemLaunchAtLogin(app);
  return new XdgAutostartLaunchAtLogin({
    configHome: process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config'),
    name: 'gatehouse',
    // Inside an AppImage, process.execPath is the mounted copy; APPIMAGE names the file itself.
    exec: process.env['APPIMAGE'] ?? process.execPath,
    displayName: 'Gatehouse',
  });
}
