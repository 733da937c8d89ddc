/**
 * "Open Gatehouse when I log in". macOS and Windows have it built into Electron
 * (`app.setLoginItemSettings`); on Linux Electron does nothing there, so the companion writes an
 * XDG autostart entry (`~/.config/autostart/<name>.desktop`) itself:
 * https://specifications.freedesktop.org/autostart-spec/latest/
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../identity/private-file.js';

export interface LaunchAtLogin {
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

/** What macOS and Windows offer through Electron's `app`. */
export interface LoginItemPort {
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

export class LoginItemLaunchAtLogin implements LaunchAtLogin {
  constructor(private readonly app: LoginItemPort) {}

  isEnabled(): boolean {
    return this.app.getLoginItemSettings().openAtLogin;
  }

  setEnabled(enabled: boolean): void {
    this.app.setLoginItemSettings({ openAtLogin: enabled });
  }
}

export interface XdgAutostartOptions {
  /** `$XDG_CONFIG_HOME`, else `~/.config`. */
  configHome: string;
  /** File name stem of the entry, e.g. `gatehouse`. */
  name: string;
  /** What to run: the AppImage path when run from one, else the executable. */
  exec: string;
  displayName: string;
}

export class XdgAutostartLaunchAtLogin implements LaunchAtLogin {
  readonly file: string;

  constructor(private readonly options: XdgAutostartOptions) {
    this.file = join(options.configHome, 'autostart', `${options.name}.desktop`);
  }

  isEnabled(): boolean {
    if (!existsSync(this.file)) return false;
    // A user (or their desktop's settings) can switch an entry off without deleting it.
    return !/^\s*(Hidden\s*=\s*true|X-GNOME-Autostart-enabled\s*=\s*false)\s*$/im.test(readFileSync(this.file, 'utf8'));
  }

  setEnabled(enabled: boolean): void {
    if (!enabled) {
      rmSync(this.file, { force: true });
      return;
    }
    const entry = [
      '[Desktop Entry]',
      'Type=Application',
      `Name=${oneLine(this.options.displayName)}`,
      `Exec=${desktopExec(this.options.exec)}`,
      'X-GNOME-Autostart-enabled=true',
      'Terminal=false',
      '',
    ].join('\n');
    writePrivateFile(this.file, entry);
  }
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** Quotes a path for the desktop entry `Exec` key (spec: reserved characters inside double quotes, escaped). */
export function desktopExec(path: string): string {
  const escaped = oneLine(path).replace(/[\\"`$]/g, (char) => `\\${char}`).replace(/%/g, '%%');
  return `"${escaped}"`;
}
