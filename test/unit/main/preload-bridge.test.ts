import { describe, expect, expectTypeOf, it } from 'vitest';
import { createGatehouseBridge, type IpcRendererPort } from '../../../preload/bridge.js';
import { eventChannels, invokeChannels } from '../../../shared/ipc/channels.js';
import type { EventChannel, EventContract, GatehouseBridge, InvokeChannel, InvokeContract } from '../../../shared/ipc/contract.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** An ipcRenderer that records invokes and lets the test emit events from "main". */
class FakeIpcRenderer implements IpcRendererPort {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, Set<Listener>>();

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve({ answeredBy: channel });
  }
  on(channel: string, listener: Listener): this {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, payload: unknown): void {
    const electronEvent = { sender: this, senderId: 0 };
    for (const listener of this.listeners.get(channel) ?? []) listener(electronEvent, payload);
  }
  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}

describe('the channel lists the preload enforces', () => {
  it('name exactly the channels of the contract', () => {
    // Checked by tsc (npm run typecheck): the runtime lists and the contract maps agree.
    expectTypeOf<(typeof invokeChannels)[number]>().toEqualTypeOf<keyof InvokeContract>();
    expectTypeOf<(typeof eventChannels)[number]>().toEqualTypeOf<keyof EventContract>();

    expect(invokeChannels).toContain('app:getInfo');
    expect(invokeChannels).toContain('approvals:resolve');
    expect(invokeChannels).toHaveLength(25);
    expect([...eventChannels].sort()).toEqual(['approvals:changed', 'chat:event', 'gateway:status', 'logs:line', 'pairing:changed', 'settings:changed', 'tray:state']);
  });

  it('hold no duplicates', () => {
    expect(new Set(invokeChannels).size).toBe(invokeChannels.length);
    expect(new Set(eventChannels).size).toBe(eventChannels.length);
  });
});

describe('createGatehouseBridge', () => {
  it('exposes invoke, on and off and nothing else, frozen', () => {
    const bridge = createGatehouseBridge(new FakeIpcRenderer());

    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'off', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expectTypeOf(bridge).toEqualTypeOf<GatehouseBridge>();
  });

  it.each(invokeChannels)('forwards %s to main', async (channel) => {
    const ipc = new FakeIpcRenderer();
    const bridge = createGatehouseBridge(ipc);

    await expect(bridge.invoke(channel)).resolves.toEqual({ answeredBy: channel });
    expect(ipc.invoked).toEqual([{ channel, args: [] }]);
  });

  it.each(['app:quit', 'gateway.token', '__proto__', 'constructor', 'toString', 42, undefined])(
    'refuses to invoke %s, which is not in the contract',
    async (channel) => {
      const ipc = new FakeIpcRenderer();
      const bridge = createGatehouseBridge(ipc);

      await expect(bridge.invoke(channel as InvokeChannel)).rejects.toThrow(/is not a channel of this window/);
      expect(ipc.invoked).toEqual([]);
    },
  );

  it('hands event listeners the payload, never Electron’s event object', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createGatehouseBridge(ipc);
    const received: unknown[][] = [];

    bridge.on('tray:state', (...args: unknown[]) => received.push(args));
    ipc.emit('tray:state', { state: 'running' });

    expect(received).toEqual([[{ state: 'running' }]]);
  });

  it('refuses to subscribe to events outside the contract', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createGatehouseBridge(ipc);

    expect(() => bridge.on('gateway:token' as EventChannel, () => {})).toThrow(/is not an event of this window/);
    expect(ipc.listeners.size).toBe(0);
  });

  it('off removes exactly the subscription it is given', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createGatehouseBridge(ipc);
    const first: unknown[] = [];
    const second: unknown[] = [];

    const a = bridge.on('tray:state', (payload) => first.push(payload.state));
    bridge.on('tray:state', (payload) => second.push(payload.state));
    bridge.off(a);
    bridge.off(a); // twice is harmless
    ipc.emit('tray:state', { state: 'error' });

    expect(first).toEqual([]);
    expect(second).toEqual(['error']);
    expect(ipc.listenerCount('tray:state')).toBe(1);
  });
});
