/**
 * Opens this installation's device identity; when it exists but cannot be used (keychain
 * locked or changed, file damaged) the person decides: quit and fix the keychain, or start over
 * as a new device that must be paired again. The store never makes that choice on its own.
 */
import { dialog } from 'electron';
import { DeviceIdentityError, DeviceIdentityStore, resetDeviceIdentity, type DeviceIdentityStoreOptions } from '../identity/device-identity-store.js';

export async function openDeviceIdentity(options: DeviceIdentityStoreOptions): Promise<DeviceIdentityStore | undefined> {
  try {
    return DeviceIdentityStore.open(options);
  } catch (error) {
    if (!(error instanceof DeviceIdentityError)) throw error;
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      title: 'Gatehouse',
      message: 'Gatehouse cannot use this device’s identity.',
      detail: `${error.message}.\n\nReset makes this a new device: gateways that paired the old one must approve it again.`,
      buttons: ['Quit', 'Reset this device'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    if (response !== 1) return undefined;
    resetDeviceIdentity(options.dir);
    return DeviceIdentityStore.open(options);
  }
}
