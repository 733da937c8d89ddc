import { describe, expect, it } from 'vitest';
import { describeElectronSender } from '../../../main/ipc/electron-sender.js';
import {
  registerInvokeHandlers,
  type IpcMainPort,
  type IpcRefusal,
} from '../../../main/ipc/register-invoke-handlers.js';
import { checkSender, type IpcSenderInfo, type SenderPolicy } from '../../../main/ipc/sender-policy.js';
import { companionInvokeHandlers, type InvokeTarget } from '../../../main/ipc/companion-handlers.js';
import { appOriginOf } from '../../../main/security/app-origin.js';
import { WindowRegistry } from '../../../main/windows/window-registry.js';
import { invokeChannels } from '../../../shared/ipc/channels.js';
import { windowChannels } from '../../../shared/ipc/window-channels.js';
import { windowKinds, type WindowKind } from '../../../shared/ipc/window-kinds.js';

const ourWindow = 7;
const chatWindow = 8;
const approvalsWindow = 9;
const registry = new WindowRegistry();
registry.add(ourWindow, 'panel');
registry.add(chatWindow, 'chat');
registry.add(approvalsWindow, 'approvals');
const policy: SenderPolicy = {
  origin: appOriginOf('app://gatehouse/index.html'),
  windowKindOf: (id) => registry.kindOf(id),
};

const fromPanel: IpcSenderInfo = {
  webContentsId: ourWindow,
  frame: { url: 'app://gatehouse/index.html', isMainFrame: true },
};
const fromChat: IpcSenderInfo = { webContentsId: chatWindow, frame: { url: 'app://gatehouse/index.html#chat', isMainFrame: true } };
const fromApprovals: IpcSenderInfo = {
  webContentsId: approvalsWindow,
  frame: { url: 'app://gatehouse/index.html#approvals', isMainFrame: true },
};

describe('checkSender', () => {
  it('trusts the main frame of our window on our origin, as the kind of window main created', () => {
    expect(checkSender(fromPanel, policy)).toEqual({ trusted: true, windowKind: 'panel' });
    // The page's hash names another view; the kind stays the one main gave the window.
    expect(checkSender({ ...fromPanel, frame: { url: 'app://gatehouse/#/settings', isMainFrame: true } }, policy)).toEqual({
      trusted: true,
      windowKind: 'panel',
    });
    expect(checkSender({ ...fromPanel, webContentsId: chatWindow }, policy)).toEqual({ trusted: true, windowKind: 'chat' });
  });

  it('forgets a window once it is closed', () => {
    const closing = new WindowRegistry();
    closing.add(11, 'logs');
    closing.remove(11);

    expect(checkSender({ ...fromPanel, webContentsId: 11 }, { ...policy, windowKindOf: (id) => closing.kindOf(id) })).toEqual({
      trusted: false,
      reason: 'web contents 11 is not one of our windows',
    });
  });

  it.each<[string, IpcSenderInfo, RegExp]>([
    ['a web contents we did not create', { ...fromPanel, webContentsId: 99 }, /not one of our windows/],
    ['a frame that is gone', { ...fromPanel, frame: null }, /frame is gone/],
    ['a subframe of our window', { ...fromPanel, frame: { url: 'app://gatehouse/frame.html', isMainFrame: false } }, /subframe/],
    ['our window after navigating away', { ...fromPanel, frame: { url: 'https://evil.example/', isMainFrame: true } }, /not on app:\/\/gatehouse/],
    ['a file:// page', { ...fromPanel, frame: { url: 'file:///tmp/index.html', isMainFrame: true } }, /not on/],
    ['a look-alike host', { ...fromPanel, frame: { url: 'app://gatehouse.evil/index.html', isMainFrame: true } }, /not on/],
    ['an unparsable URL', { ...fromPanel, frame: { url: 'not a url', isMainFrame: true } }, /not on/],
  ])('refuses %s', (_name, sender, reason) => {
    const verdict = checkSender(sender, policy);
    expect(verdict.trusted).toBe(false);
    expect(verdict.trusted === false && verdict.reason).toMatch(reason);
  });

  it('pins the dev server by host and port', () => {
    const dev: SenderPolicy = { ...policy, origin: appOriginOf('http://localhost:5173/') };
    const at = (url: string): IpcSenderInfo => ({ webContentsId: ourWindow, frame: { url, isMainFrame: true } });

    expect(checkSender(at('http://localhost:5173/index.html'), dev).trusted).toBe(true);
    expect(checkSender(at('http://localhost:5174/index.html'), dev).trusted).toBe(false);
    expect(checkSender(at('https://localhost:5173/index.html'), dev).trusted).toBe(false);
  });
});

describe('describeElectronSender', () => {
  const sender = { id: ourWindow };

  it('reads the frame URL and whether it is a main frame', () => {
    const mainFrame = { url: 'app://gatehouse/index.html', parent: null };
    const subFrame = { url: 'app://gatehouse/x.html', parent: mainFrame };

    expect(describeElectronSender({ sender, senderFrame: mainFrame } as never)).toEqual(fromPanel);
    expect(describeElectronSender({ sender, senderFrame: subFrame } as never).frame?.isMainFrame).toBe(false);
  });

  it('treats a missing or disposed frame as gone', () => {
    const disposed = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      sender,
    };

    expect(describeElectronSender({ sender, senderFrame: null } as never).frame).toBeNull();
    expect(describeElectronSender(disposed as never).frame).toBeNull();
  });
});

/** An ipcMain that keeps the handlers, so the test can invoke them like Electron would. */
class FakeIpcMain implements IpcMainPort<IpcSenderInfo> {
  readonly handlers = new Map<string, (event: IpcSenderInfo, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcSenderInfo, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, sender: IpcSenderInfo, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) return Promise.reject(new Error(`no handler for ${channel}`));
    return Promise.resolve().then(() => handler(sender, ...args));
  }
}

describe('registerInvokeHandlers', () => {
  function setUp() {
    const ipcMain = new FakeIpcMain();
    const refusals: IpcRefusal[] = [];
    const calls: { channel: string; request: unknown }[] = [];
    // Stands in for CompanionController.invoke: answers a few channels, records every call.
    const target = (async (channel: string, request?: unknown) => {
      calls.push({ channel, request });
      if (channel === 'app:getInfo') return { version: '1.2.3', platform: 'linux' };
      if (channel === 'tray:getState') return { state: 'attached' };
      return { ok: true };
    }) as InvokeTarget;
    const unregister = registerInvokeHandlers({
      ipcMain,
      handlers: companionInvokeHandlers(target),
      policy,
      describeSender: (event) => event,
      onRefused: (refusal) => refusals.push(refusal),
    });
    return { ipcMain, refusals, calls, unregister };
  }

  it('registers exactly one handler per contract channel', () => {
    const { ipcMain, unregister } = setUp();

    expect([...ipcMain.handlers.keys()].sort()).toEqual([...invokeChannels].sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers our panel', async () => {
    const { ipcMain } = setUp();

    await expect(ipcMain.invoke('app:getInfo', fromPanel)).resolves.toEqual({ version: '1.2.3', platform: 'linux' });
    await expect(ipcMain.invoke('tray:getState', fromPanel)).resolves.toEqual({ state: 'attached' });
  });

  it('hands the one argument of a channel that takes a request to the controller, unchanged', async () => {
    const { ipcMain, calls } = setUp();
    const request = { id: 'a-1', decision: 'deny', extra: 'the controller checks this' };

    await expect(ipcMain.invoke('approvals:resolve', fromApprovals, request)).resolves.toEqual({ ok: true });
    expect(calls).toEqual([{ channel: 'approvals:resolve', request }]);
  });

  it('refuses a foreign sender before the handler runs, and reports it', async () => {
    const { ipcMain, refusals, calls } = setUp();
    const foreign: IpcSenderInfo = { webContentsId: ourWindow, frame: { url: 'https://evil.example/', isMainFrame: true } };

    await expect(ipcMain.invoke('app:getInfo', foreign)).rejects.toThrow('app:getInfo: refused, the sender is not a Gatehouse window');
    await expect(ipcMain.invoke('settings:copyToken', foreign)).rejects.toThrow(/refused/);
    expect(calls).toEqual([]);
    expect(refusals[0]).toEqual({
      channel: 'app:getInfo',
      kind: 'untrusted-sender',
      reason: 'the sender is not on app://gatehouse',
      senderUrl: 'https://evil.example/',
    });
  });

  it('refuses arguments on channels that take none, and a missing or extra argument on the others', async () => {
    const { ipcMain, refusals, calls } = setUp();

    await expect(ipcMain.invoke('app:getInfo', fromPanel, { sneaky: true })).rejects.toThrow(
      'app:getInfo: bad request: expected no arguments, got 1',
    );
    await expect(ipcMain.invoke('chat:send', fromChat)).rejects.toThrow('chat:send: bad request: expected one argument, got 0');
    await expect(ipcMain.invoke('chat:send', fromChat, {}, {})).rejects.toThrow('expected one argument, got 2');
    expect(calls).toEqual([]);
    expect(refusals.map((refusal) => [refusal.channel, refusal.kind])).toEqual([
      ['app:getInfo', 'bad-request'],
      ['chat:send', 'bad-request'],
      ['chat:send', 'bad-request'],
    ]);
  });
});

describe('registerInvokeHandlers, per kind of window', () => {
  /** One window of each kind (web contents 100, 101, …), answering every call with `{ ok: true }`. */
  function setUp() {
    const ipcMain = new FakeIpcMain();
    const refusals: IpcRefusal[] = [];
    const calls: string[] = [];
    const windows = new WindowRegistry();
    const senders = new Map<WindowKind, IpcSenderInfo>();
    windowKinds.forEach((kind, index) => {
      windows.add(100 + index, kind);
      senders.set(kind, { webContentsId: 100 + index, frame: { url: `app://gatehouse/index.html#${kind}`, isMainFrame: true } });
    });
    registerInvokeHandlers({
      ipcMain,
      handlers: companionInvokeHandlers((async (channel: string) => {
        calls.push(channel);
        return { ok: true };
      }) as InvokeTarget),
      policy: { ...policy, windowKindOf: (id) => windows.kindOf(id) },
      describeSender: (event) => event,
      onRefused: (refusal) => refusals.push(refusal),
    });
    const from = (kind: WindowKind): IpcSenderInfo => senders.get(kind)!;
    return { ipcMain, refusals, calls, from };
  }

  /** A call with the right shape, so only the window check can refuse it. */
  const expectsRequest = new Set(['approvals:resolve', 'pairing:approve', 'pairing:reject', 'chat:history', 'chat:send', 'chat:abort', 'chat:setModel', 'settings:update', 'settings:setProvider', 'window:open', 'scheduled:runs', 'scheduled:add', 'scheduled:update', 'scheduled:setEnabled', 'scheduled:runNow', 'scheduled:remove', 'pairing:approveSender', 'pairing:dismissSender', 'channels:setToken', 'channels:start', 'channels:stop', 'channels:logout', 'skills:setEnabled', 'skills:install', 'wizard:start', 'wizard:next', 'wizard:cancel', 'wizard:status']);
  const argsFor = (channel: string): unknown[] => (expectsRequest.has(channel) ? [{}] : []);

  it('refuses a chat window that asks to rotate the gateway token, before the controller sees it', async () => {
    const { ipcMain, refusals, calls, from } = setUp();

    await expect(ipcMain.invoke('settings:rotateToken', from('chat'))).rejects.toThrow(
      'settings:rotateToken: refused, the chat window does not use this channel',
    );
    expect(calls).toEqual([]);
    expect(refusals).toEqual([{ channel: 'settings:rotateToken', kind: 'channel-not-allowed', windowKind: 'chat' }]);
  });

  it('lets the settings window rotate the token', async () => {
    const { ipcMain, calls, from } = setUp();

    await expect(ipcMain.invoke('settings:rotateToken', from('settings'))).resolves.toEqual({ ok: true });
    expect(calls).toEqual(['settings:rotateToken']);
  });

  it.each(windowKinds)('answers the %s window on its channels only', async (kind) => {
    const { ipcMain, refusals, calls, from } = setUp();
    const allowed: readonly string[] = windowChannels[kind].invoke;

    for (const channel of invokeChannels) {
      const answer = ipcMain.invoke(channel, from(kind), ...argsFor(channel));
      if (allowed.includes(channel)) await expect(answer, channel).resolves.toEqual({ ok: true });
      else await expect(answer, channel).rejects.toThrow(`${channel}: refused, the ${kind} window does not use this channel`);
    }
    expect(calls).toEqual(allowed);
    expect(refusals.map((refusal) => refusal.channel)).toEqual(invokeChannels.filter((channel) => !allowed.includes(channel)));
    expect(refusals.every((refusal) => refusal.kind === 'channel-not-allowed')).toBe(true);
  });
});
