/**
 * The companion as the app builds it, minus Electron: the REAL supervisor (launching the real
 * gateway from dist/ as a child process), the real DeviceIdentityStore (with an AES test
 * SecretBox standing in for safeStorage), the real OperatorConnection and CompanionController —
 * and recorders where Electron would be: preferences in memory, a notifier, a clipboard, a
 * window opener and a launch-at-login switch that remember what they were asked to do.
 *
 * Used by the controller's integration tests and by the e2e test bridge (bridge-server.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import type { EventChannel, EventPayload } from '../../../shared/ipc/contract.js';
import { CompanionController } from '../../../main/companion/companion-controller.js';
import type { Clipboard, NotificationRequest, Notifier, WindowOpener, WindowView } from '../../../main/companion/companion-ports.js';
import { gatewayLinkFactory } from '../../../main/companion/gateway-link.js';
import { DeviceIdentityStore } from '../../../main/identity/device-identity-store.js';
import type { SecretBox } from '../../../main/identity/secret-box.js';
import type { LaunchAtLogin } from '../../../main/settings/launch-at-login.js';
import { MemoryPreferencesStore, MemorySecretStore, type Preferences, type SecretName } from '../../../main/settings/preferences.js';
import { NodeChildProcessLauncher } from '../../../main/supervisor/child-process-launcher.js';
import type { GatewayLauncher } from '../../../main/supervisor/gateway-launcher.js';
import { testSecretBox } from '../../unit/main/test-secret-box.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const GATEWAY_CLI = join(REPO_ROOT, 'dist', 'gateway', 'cli', 'index.js');

export class RecordingNotifier implements Notifier {
  readonly shown: NotificationRequest[] = [];
  supported = true;
  isSupported(): boolean {
    return this.supported;
  }
  show(notification: NotificationRequest): void {
    this.shown.push(notification);
  }
  /** The person clicks the notification number `index` (default: the last one). */
  click(index = this.shown.length - 1): void {
    this.shown[index]?.onClick?.();
  }
}

export class RecordingClipboard implements Clipboard {
  readonly texts: string[] = [];
  writeText(text: string): void {
    this.texts.push(text);
  }
}

export class RecordingWindowOpener implements WindowOpener {
  readonly opened: WindowView[] = [];
  open(view: WindowView): void {
    this.opened.push(view);
  }
}

export class MemoryLaunchAtLogin implements LaunchAtLogin {
  enabled = false;
  isEnabled(): boolean {
    return this.enabled;
  }
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
  }
}

export interface RecordedEvent<E extends EventChannel = EventChannel> {
  channel: E;
  payload: EventPayload<E>;
  at: number;
}

export interface CompanionHarnessOptions {
  /** The gateway's config file (gatehouse.json in its state dir), written before anything starts. */
  gatewayConfig?: Record<string, unknown>;
  preferences?: Partial<Preferences>;
  /** Secrets saved before the controller starts (e.g. the token of a remote gateway). */
  secrets?: Partial<Record<SecretName, string>>;
  port?: number;
  /** Wraps the launcher (tests record launches). */
  wrapLauncher?: (launcher: GatewayLauncher) => GatewayLauncher;
  secretBox?: SecretBox;
  /** Told about every event the controller emits (the bridge forwards them to the page). */
  onEvent?: (event: RecordedEvent) => void;
}

export interface CompanionHarness {
  controller: CompanionController;
  preferences: MemoryPreferencesStore;
  secrets: MemorySecretStore;
  notifier: RecordingNotifier;
  clipboard: RecordingClipboard;
  windows: RecordingWindowOpener;
  launchAtLogin: MemoryLaunchAtLogin;
  identity: DeviceIdentityStore;
  /** userData stand-in; the gateway's state dir is `<root>/gateway`. */
  root: string;
  stateDir: string;
  port: number;
  events: RecordedEvent[];
  eventsOf<E extends EventChannel>(channel: E): EventPayload<E>[];
  /** The first event on `channel` (already recorded or still to come) that matches. */
  nextEvent<E extends EventChannel>(channel: E, predicate?: (payload: EventPayload<E>) => boolean, timeoutMs?: number, after?: number): Promise<EventPayload<E>>;
  close(options?: { stopGateway?: boolean }): Promise<void>;
}

/** Everything named GATEHOUSE_…, OPENCLAW_… or CLAWDBOT_… removed, so the launched gateway only hears what the supervisor tells it. */
export function cleanGatewayEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('GATEHOUSE_') || key.startsWith('OPENCLAW_') || key.startsWith('CLAWDBOT_')) delete env[key];
  }
  return env;
}

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function createCompanion(options: CompanionHarnessOptions = {}): Promise<CompanionHarness> {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-companion-'));
  const stateDir = join(root, 'gateway');
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  if (options.gatewayConfig) writeFileSync(join(stateDir, 'gatehouse.json'), JSON.stringify(options.gatewayConfig, null, 2));
  const port = options.port ?? (await freeLoopbackPort());

  const identity = DeviceIdentityStore.open({ dir: join(root, 'identity'), secretBox: options.secretBox ?? testSecretBox() });
  const preferences = new MemoryPreferencesStore({ port, ...options.preferences });
  const secrets = new MemorySecretStore();
  for (const [name, value] of Object.entries(options.secrets ?? {})) secrets.set(name as SecretName, value);
  const notifier = new RecordingNotifier();
  const clipboard = new RecordingClipboard();
  const windows = new RecordingWindowOpener();
  const launchAtLogin = new MemoryLaunchAtLogin();
  const events: RecordedEvent[] = [];
  const waiters = new Set<(event: RecordedEvent) => void>();

  const baseLauncher = new NodeChildProcessLauncher({ cliEntry: GATEWAY_CLI, baseEnv: { ...cleanGatewayEnv(), GATEHOUSE_LOG_LEVEL: 'info' } });
  const controller = new CompanionController({
    appInfo: { version: '0.1.0-test', platform: 'linux' },
    links: gatewayLinkFactory({
      stateDir,
      launcher: options.wrapLauncher ? options.wrapLauncher(baseLauncher) : baseLauncher,
      identity,
      clientVersion: '0.1.0-test',
      outputLogFile: join(root, 'logs', 'gateway-output.log'),
      supervisor: { healthIntervalMs: 0 },
      operator: { platform: 'linux' },
    }),
    preferences,
    secrets,
    launchAtLogin,
    notifier,
    clipboard,
    windows,
    secretEncryption: () => identity.encryption,
    emit: (channel, payload) => {
      const event = { channel, payload, at: Date.now() } as RecordedEvent;
      events.push(event);
      options.onEvent?.(event);
      for (const waiter of [...waiters]) waiter(event);
    },
  });

  return {
    controller,
    preferences,
    secrets,
    notifier,
    clipboard,
    windows,
    launchAtLogin,
    identity,
    root,
    stateDir,
    port,
    events,
    eventsOf: <E extends EventChannel>(channel: E) => events.filter((event) => event.channel === channel).map((event) => event.payload as EventPayload<E>),
    nextEvent<E extends EventChannel>(channel: E, predicate: (payload: EventPayload<E>) => boolean = () => true, timeoutMs = 15_000, after = 0) {
      const matches = (event: RecordedEvent): boolean => event.channel === channel && event.at >= after && predicate(event.payload as EventPayload<E>);
      const found = events.find(matches);
      if (found) return Promise.resolve(found.payload as EventPayload<E>);
      return new Promise<EventPayload<E>>((done, fail) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const last = events.filter((event) => event.channel === channel).slice(-3);
          fail(new Error(`no matching ${channel} event within ${timeoutMs} ms; last ones: ${JSON.stringify(last.map((event) => event.payload))}`));
        }, timeoutMs);
        const waiter = (event: RecordedEvent): void => {
          if (!matches(event)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          done(event.payload as EventPayload<E>);
        };
        waiters.add(waiter);
      });
    },
    async close({ stopGateway = true } = {}) {
      await controller.shutdown({ stopGateway });
      rmSync(root, { recursive: true, force: true });
    },
  };
}
