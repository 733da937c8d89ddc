import { describe, expect, expectTypeOf, it } from 'vitest';
import { createGatehouseBridge, type IpcRendererPort } from '../../../preload/bridge.js';
import { eventChannels, invokeChannels } from '../../../shared/ipc/channels.js';
import { windowChannels } from '../../../shared/ipc/window-channels.js';
import { windowKinds } from '../../../shared/ipc/window-kinds.js';
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

describe('the contract’s channel lists', () => {
  it('name exactly the channels of the contract', () => {
    // Checked by tsc (npm run typecheck): the runtime lists and the contract maps agree.
    expectTypeOf<(typeof invokeChannels)[number]>().toEqualTypeOf<keyof InvokeContract>();
    expectTypeOf<(typeof eventChannels)[number]>().toEqualTypeOf<keyof EventContract>();

    expect(invokeChannels).toContain('app:getInfo');
    expect(invokeChannels).toContain('approvals:resolve');
    expect(invokeChannels).toContain('scheduled:runNow');
    expect(invokeChannels).toContain('channels:setToken');
    expect(invokeChannels).toHaveLength(49);
    expect([...eventChannels].sort()).toEqual([
      'approvals:changed',
      'channels:changed',
      'chat:event',
      'gateway:status',
      'logs:line',
      'pairing:changed',
      'pairing:sendersChanged',
      'scheduled:changed',
      'scheduled:summaryChanged',
      'settings:changed',
      'tray:state',
    ]);
  });

  it('hold no duplicates', () => {
    expect(new Set(invokeChannels).size).toBe(invokeChannels.length);
    expect(new Set(eventChannels).size).toBe(eventChannels.length);
  });
});

describe('createGatehouseBridge', () => {
  const chat = windowChannels.chat;

  it('exposes invoke, on and off and nothing else, frozen', () => {
    const bridge = createGatehouseBridge(new FakeIpcRenderer(), chat);

    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'off', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expectTypeOf(bridge).toEqualTypeOf<GatehouseBridge>();
  });

  describe.each(windowKinds)('for the %s window', (kind) => {
    const allowed = windowChannels[kind];
    const otherInvokes = invokeChannels.filter((channel) => !allowed.invoke.includes(channel));
    const otherEvents = eventChannels.filter((channel) => !allowed.events.includes(channel));

    it('forwards each of its channels to main', async () => {
      const ipc = new FakeIpcRenderer();
      const bridge = createGatehouseBridge(ipc, allowed);

      for (const channel of allowed.invoke) await expect(bridge.invoke(channel)).resolves.toEqual({ answeredBy: channel });
      expect(ipc.invoked.map((call) => call.channel)).toEqual(allowed.invoke);
    });

    it('refuses every other channel of the contract without asking main', async () => {
      const ipc = new FakeIpcRenderer();
      const bridge = createGatehouseBridge(ipc, allowed);

      expect(otherInvokes.length).toBeGreaterThan(0);
      for (const channel of otherInvokes) {
        await expect(bridge.invoke(channel), channel).rejects.toThrow(`gatehouse: ${channel} is not a channel of this window`);
      }
      expect(ipc.invoked).toEqual([]);
    });

    it('subscribes to its events and refuses the others', () => {
      const ipc = new FakeIpcRenderer();
      const bridge = createGatehouseBridge(ipc, allowed);

      for (const channel of allowed.events) bridge.on(channel, () => {});
      for (const channel of otherEvents) {
        expect(() => bridge.on(channel, () => {}), channel).toThrow(`gatehouse: ${channel} is not an event of this window`);
      }
      expect([...ipc.listeners.keys()]).toEqual(allowed.events);
    });
  });

  it('keeps a chat window away from the gateway token and the approval queue', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createGatehouseBridge(ipc, chat);

    await expect(bridge.invoke('settings:rotateToken')).rejects.toThrow(/is not a channel of this window/);
    await expect(bridge.invoke('settings:copyToken')).rejects.toThrow(/is not a channel of this window/);
    await expect(bridge.invoke('approvals:resolve', { id: 'a-1', decision: 'allow-always' })).rejects.toThrow(/is not a channel of this window/);
    expect(() => bridge.on('approvals:changed', () => {})).toThrow(/is not an event of this window/);
    expect(ipc.invoked).toEqual([]);
  });

  it.each(['app:quit', 'gateway.token', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 42, undefined])(
    'refuses to invoke %s, which is not in the contract',
    async (channel) => {
      const ipc = new FakeIpcRenderer();
      const bridge = createGatehouseBridge(ipc, windowChannels.panel);

      await expect(bridge.invoke(channel as InvokeChannel)).rejects.toThrow(/is not a channel of this window/);
      expect(ipc.invoked).toEqual([]);
    },
  );

  it('cannot be widened after it is built by changing the lists it was given', async () => {
    const lists = { invoke: ['logs:recent' as InvokeChannel], events: ['logs:line' as EventChannel] };
    const ipc = new FakeIpcRenderer();
    const bridge = createGatehouseBridge(ipc, lists);

    lists.invoke.push('settings:rotateToken');
    lists.events.push('chat:event');

    await expect(bridge.invoke('settings:rotateToken')).rejects.toThrow(/is not a channel of this window/);
    expect(() => bridge.on('chat:event', () => {})).toThrow(/is not an event of this window/);
  });

  it('hands event listeners the payload, never Electron’s event object', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createGatehouseBridge(ipc, windowChannels.panel);
    const received: unknown[][] = [];

    bridge.on('tray:state', (...args: unknown[]) => received.push(args));
    ipc.emit('tray:state', { state: 'running' });

    expect(received).toEqual([[{ state: 'running' }]]);
  });

  it('refuses to subscribe to events outside the contract', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createGatehouseBridge(ipc, windowChannels.panel);

    expect(() => bridge.on('gateway:token' as EventChannel, () => {})).toThrow(/is not an event of this window/);
    expect(ipc.listeners.size).toBe(0);
  });

  it('off removes exactly the subscription it is given', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createGatehouseBridge(ipc, windowChannels.panel);
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
