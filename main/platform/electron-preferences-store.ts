/**
 * PreferencesStore on electron-store (a JSON file in the app's userData). What is read back is
 * sanitised (preferences.ts), so a hand-edited file cannot put the app in a state it does not know.
 */
import ElectronStore from 'electron-store';
import { sanitizePreferences, withoutUndefined, type Preferences, type PreferencesStore } from '../settings/preferences.js';

export class ElectronPreferencesStore implements PreferencesStore {
  readonly #store = new ElectronStore<Record<string, unknown>>({ name: 'preferences', clearInvalidConfig: true });

  read(): Preferences {
    return sanitizePreferences(this.#store.store);
  }

  write(change: Partial<Preferences>): Preferences {
    const next = sanitizePreferences(withoutUndefined({ ...this.read(), ...change }));
    this.#store.store = next;
    return next;
  }
}
