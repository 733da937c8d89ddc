import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopExec, XdgAutostartLaunchAtLogin } from '../../../main/settings/launch-at-login.js';
import { DEFAULT_PREFERENCES, MemoryPreferencesStore, sanitizePreferences } from '../../../main/settings/preferences.js';
import { SealedSecretFile } from '../../../main/settings/sealed-secret-file.js';
import { noEncryptionBox, testSecretBox } from './test-secret-box.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-settings-'));
  dirs.push(dir);
  return dir;
}

describe('preferences', () => {
  it('keeps valid fields of what was stored and defaults the rest', () => {
    expect(sanitizePreferences({ port: 19000, bind: 'everywhere', notifications: 'yes', quitBehavior: 'leave-running', extra: 1 })).toEqual({
      ...DEFAULT_PREFERENCES,
      port: 19000,
      quitBehavior: 'leave-running',
    });
    expect(sanitizePreferences(null)).toEqual(DEFAULT_PREFERENCES);
    expect(sanitizePreferences(JSON.parse('{"__proto__":{"port":1}}'))).toEqual(DEFAULT_PREFERENCES);
  });

  it('writes merge and read back copies', () => {
    const store = new MemoryPreferencesStore();
    const read = store.write({ notifications: false, remoteUrl: 'wss://g.example' });
    read.port = 1;
    expect(store.read()).toMatchObject({ notifications: false, remoteUrl: 'wss://g.example', port: 18789 });
    expect(store.write({ remoteUrl: undefined }).remoteUrl).toBeUndefined();
  });
});

describe('SealedSecretFile', () => {
  it('keeps a secret encrypted in a private file', () => {
    const file = join(tempDir(), 'app', 'secrets.json');
    const box = testSecretBox();
    new SealedSecretFile({ file, secretBox: box }).set('remoteGatewayToken', 'remote-token-0123456789');

    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('remote-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new SealedSecretFile({ file, secretBox: box }).get('remoteGatewayToken')).toBe('remote-token-0123456789');
  });

  it('says so when it has to keep a secret in plain text, and reads a broken file as empty', () => {
    const file = join(tempDir(), 'secrets.json');
    const warnings: string[] = [];
    const plain = new SealedSecretFile({ file, secretBox: noEncryptionBox, onWarning: (message) => warnings.push(message) });
    plain.set('remoteGatewayToken', 'plain-token');
    expect(JSON.parse(readFileSync(file, 'utf8')).values.remoteGatewayToken).toEqual({ sealing: 'plaintext', value: 'plain-token' });

    // Encrypted with a key that is gone (keychain changed): absent, with a warning.
    new SealedSecretFile({ file, secretBox: testSecretBox() }).set('remoteGatewayToken', 'sealed');
    expect(new SealedSecretFile({ file, secretBox: testSecretBox(), onWarning: (m) => warnings.push(m) }).get('remoteGatewayToken')).toBeUndefined();
    writeFileSync(file, '{ not json');
    expect(plain.get('remoteGatewayToken')).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/enter it again[\s\S]*not JSON/);
  });
});

describe('XdgAutostartLaunchAtLogin', () => {
  it('writes and removes an autostart entry that runs the app', () => {
    const configHome = tempDir();
    const launch = new XdgAutostartLaunchAtLogin({ configHome, name: 'gatehouse', exec: '/opt/Gatehouse/gatehouse', displayName: 'Gatehouse' });
    expect(launch.isEnabled()).toBe(false);

    launch.setEnabled(true);

    expect(launch.file).toBe(join(configHome, 'autostart', 'gatehouse.desktop'));
    expect(readFileSync(launch.file, 'utf8')).toContain('Exec="/opt/Gatehouse/gatehouse"');
    expect(launch.isEnabled()).toBe(true);
    launch.setEnabled(false);
    expect(launch.isEnabled()).toBe(false);
  });

  it('honours an entry switched off by the desktop, and quotes odd paths', () => {
    const configHome = tempDir();
    const launch = new XdgAutostartLaunchAtLogin({ configHome, name: 'gatehouse', exec: '/x', displayName: 'Gatehouse' });
    launch.setEnabled(true);
    writeFileSync(launch.file, `${readFileSync(launch.file, 'utf8')}Hidden=true\n`);
    expect(launch.isEnabled()).toBe(false);
    expect(desktopExec('/home/a b/$HOME/100%/"q"')).toBe('"/home/a b/\\$HOME/100%%/\\"q\\""');
  });
});
