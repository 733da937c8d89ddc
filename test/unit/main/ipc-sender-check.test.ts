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
import { invokeChannels } from '../../../shared/ipc/channels.js';

const ourWindow = 7;
const policy: SenderPolicy = {
  origin: appOriginOf('app://gatehouse/index.html'),
  isOwnWebContents: (id) => id === ourWindow,
};

const fromPanel: IpcSenderInfo = {
  webContentsId: ourWindow,
  frame: { url: 'app://gatehouse/index.html', isMainFrame: true },
};

describe('checkSender', () => {
  it('trusts the main frame of our window on our origin', () => {
    expect(checkSender(fromPanel, policy)).toEqual({ trusted: true });
    expect(checkSender({ ...fromPanel, frame: { url: 'app://gatehouse/#/settings', isMainFrame: true } }, policy)).toEqual({
      trusted: true,
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

    await expect(ipcMain.invoke('approvals:resolve', fromPanel, request)).resolves.toEqual({ ok: true });
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
    await expect(ipcMain.invoke('chat:send', fromPanel)).rejects.toThrow('chat:send: bad request: expected one argument, got 0');
    await expect(ipcMain.invoke('chat:send', fromPanel, {}, {})).rejects.toThrow('expected one argument, got 2');
    expect(calls).toEqual([]);
    expect(refusals.map((refusal) => [refusal.channel, refusal.kind])).toEqual([
      ['app:getInfo', 'bad-request'],
      ['chat:send', 'bad-request'],
      ['chat:send', 'bad-request'],
    ]);
  });
});
