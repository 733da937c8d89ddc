import { CompanionController } from '../../../main/companion/companion-controller.js';
import { MemoryPreferencesStore, MemorySecretStore } from '../../../main/settings/preferences.js';
import { MemoryLaunchAtLogin, RecordingClipboard, RecordingNotifier, RecordingWindowOpener } from '../../e2e/bridge/companion-harness.js';
import { fakeLinks } from './fake-gateway-link.js';

/** A controller on a fake gateway link that serves `methods`, with in-memory stores and no window events. */
export function quietController(methods: readonly string[]) {
  const links = fakeLinks();
  const controller = new CompanionController({
    appInfo: { version: '9.9.9', platform: 'linux' },
    links: links.factory,
    preferences: new MemoryPreferencesStore({}),
    secrets: new MemorySecretStore(),
    launchAtLogin: new MemoryLaunchAtLogin(),
    notifier: new RecordingNotifier(),
    clipboard: new RecordingClipboard(),
    windows: new RecordingWindowOpener(),
    secretEncryption: () => 'encrypted',
    emit: () => undefined,
  });
  const operator = links.current().operator;
  operator.methods = methods;
  return { controller, operator };
}
