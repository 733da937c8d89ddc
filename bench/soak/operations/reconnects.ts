import { createDeviceIdentity, type DeviceIdentity } from '../device-identity.js';
import type { ProtocolProblems } from '../protocol-problems.js';
import { SoakClient, type SoakClientOptions } from '../soak-client.js';

/** How a reconnecting client proves itself: the shared token alone, a device with it, or the device token it was issued. */
type Credential = 'shared token' | 'device + shared token' | 'device token';

interface Slot {
  credential: Credential;
  device?: DeviceIdentity;
  deviceToken?: string;
  client?: SoakClient;
  busy: boolean;
}

/**
 * Clients that come and go, as laptops sleep and tray apps restart. Three slots take turns, one
 * per credential kind; each turn drops the slot's connection — with a close frame on even rounds,
 * by cutting the TCP connection on odd ones (a crashed or suspended client) — connects again and
 * makes one `health` call. Between turns every slot stays connected, in presence like a real client.
 */
export class ReconnectingClients {
  private readonly slots: Slot[] = [
    { credential: 'shared token', busy: false },
    { credential: 'device + shared token', device: createDeviceIdentity(), busy: false },
    { credential: 'device token', device: createDeviceIdentity(), busy: false },
  ];

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly problems: ProtocolProblems,
    private readonly timeoutMs: number,
  ) {}

  /** Operation n: slot n mod 3, polite or abrupt by round. */
  async reconnect(n: number): Promise<void> {
    const slot = this.slots[n % this.slots.length] as Slot;
    if (slot.busy) throw new Error(`${slot.credential} client is still reconnecting from its previous turn`);
    slot.busy = true;
    try {
      const previous = slot.client;
      slot.client = undefined;
      if (previous && Math.floor(n / this.slots.length) % 2 === 0) await previous.close();
      else previous?.terminate();
      const client = await SoakClient.connect(this.url, this.options(slot), this.problems);
      slot.client = client;
      if (slot.credential === 'device token' && slot.deviceToken === undefined) {
        slot.deviceToken = client.hello.auth?.deviceToken;
        if (!slot.deviceToken) throw new Error('hello-ok issued no device token to a paired device');
      }
      await client.call('health', {}, this.timeoutMs);
    } finally {
      slot.busy = false;
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.client?.close()));
  }

  private options(slot: Slot): SoakClientOptions {
    const base = { label: `reconnect (${slot.credential})`, client: { id: 'soak-reconnect', mode: 'ui' }, timeoutMs: this.timeoutMs };
    // The device-token slot presents its shared token once, to be paired and issued a token.
    if (slot.credential === 'device token' && slot.deviceToken !== undefined) return { ...base, device: slot.device, deviceToken: slot.deviceToken };
    return { ...base, token: this.token, ...(slot.device ? { device: slot.device } : {}) };
  }
}
