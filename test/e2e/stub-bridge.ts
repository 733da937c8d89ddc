/**
 * A scriptable stand-in for `window.gatehouse`, for the fast UI tests (panel.spec.ts,
 * views.spec.ts): answers the channels of the contract from values the test chooses, records
 * each invoke, reacts to invokes by emitting events or changing later answers, and lets the
 * test emit events itself. Like a real preload it serves one kind of window: `forWindow` gives
 * it that kind's channel lists (shared/ipc/window-channels.ts), and it refuses the rest, with a
 * console error the specs' problem lists catch. The walkthrough against the real main services
 * uses the test bridge instead.
 *
 * `installStubBridge` runs inside the page (through `page.addInitScript`), so it must stay
 * self-contained: no imports or outer helpers used at runtime, and its argument is JSON.
 */
import type { Page } from '@playwright/test';
import type {
  EventChannel,
  EventPayload,
  GatehouseBridge,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  SettingsView,
} from '../../shared/ipc/contract.js';
import { windowChannels } from '../../shared/ipc/window-channels.js';
import { isWindowKind, type WindowKind } from '../../shared/ipc/window-kinds.js';

/** How the stub answers one channel. */
export type StubAnswer<T = unknown> =
  /** Resolve with this value; `copyFromRequest` copies those request fields into it first. */
  | { value: T; copyFromRequest?: string[] }
  /** Reject, as a throwing main handler would. */
  | { reject: string }
  /** Never settle (a slow main). */
  | { hang: true }
  /** Merge the request into channel `into`'s answer (minus `omit`), keep it there and return it. */
  | { mergeInto: InvokeChannel; omit?: string[] }
  /** One answer per invoke, in order; the last one answers every invoke after it (a scripted dialogue). */
  | { queue: StubAnswer<T>[] };

/** Something the stub does after an invoke of a channel (delays count from the invoke). */
export interface StubReaction {
  delayMs?: number;
  emit?: { channel: EventChannel; payload: unknown; copyFromRequest?: string[] };
  setAnswer?: { channel: InvokeChannel; answer: StubAnswer };
}

export interface StubBridgeInit {
  answers: Partial<Record<InvokeChannel, StubAnswer>>;
  reactions?: Partial<Record<InvokeChannel, StubReaction[]>>;
  /** The channels the window's preload would expose; every channel when absent. */
  allowed?: { invoke: readonly string[]; events: readonly string[] };
}

/** One recorded invoke. */
export interface StubInvocation {
  channel: InvokeChannel;
  request: unknown;
}

/** The page global the Node side drives the stub through. */
export const stubControlGlobal = '__gatehouseStub';

interface StubPageControl {
  emit(channel: string, payload: unknown): void;
  setAnswer(channel: string, answer: StubAnswer): void;
  invocations(): StubInvocation[];
  subscribers(channel: string): number;
}

export function installStubBridge(init: StubBridgeInit): void {
  const listeners = new Map<number, { channel: string; listener: (payload: never) => void }>();
  const answers: Record<string, StubAnswer> = { ...init.answers };
  const reactions: Record<string, StubReaction[]> = { ...init.reactions };
  const invocations: StubInvocation[] = [];
  const allowed = init.allowed;
  let nextId = 1;

  const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));
  const withRequestFields = (value: unknown, request: unknown, fields: string[] | undefined): unknown => {
    if (fields === undefined || typeof value !== 'object' || value === null) return clone(value);
    const source = (request ?? {}) as Record<string, unknown>;
    const copy = clone(value) as Record<string, unknown>;
    for (const field of fields) copy[field] = source[field];
    return copy;
  };
  const emit = (channel: string, payload: unknown): void => {
    for (const entry of [...listeners.values()]) {
      if (entry.channel === channel) entry.listener(clone(payload) as never);
    }
  };

  const answer = (channel: string, request: unknown): Promise<unknown> => {
    const found = answers[channel];
    if (found === undefined) return Promise.reject(new Error(`stub bridge: no answer for ${channel}`));
    if ('queue' in found) {
      const next = found.queue.length > 1 ? found.queue.shift() : found.queue[0];
      if (next === undefined) return Promise.reject(new Error(`stub bridge: an empty queue for ${channel}`));
      answers[channel] = next;
      const result = answer(channel, request);
      answers[channel] = found;
      return result;
    }
    if ('reject' in found) return Promise.reject(new Error(found.reject));
    if ('hang' in found) return new Promise(() => {});
    if ('mergeInto' in found) {
      const target = answers[found.mergeInto];
      const base = target !== undefined && 'value' in target ? (target.value as Record<string, unknown>) : {};
      const merged: Record<string, unknown> = { ...base, ...(request as Record<string, unknown>) };
      for (const key of found.omit ?? []) delete merged[key];
      answers[found.mergeInto] = { value: merged };
      return Promise.resolve(clone(merged));
    }
    return Promise.resolve(withRequestFields(found.value, request, found.copyFromRequest));
  };

  const react = (channel: string, request: unknown): void => {
    for (const reaction of reactions[channel] ?? []) {
      setTimeout(() => {
        if (reaction.setAnswer) answers[reaction.setAnswer.channel] = reaction.setAnswer.answer;
        if (reaction.emit) {
          emit(reaction.emit.channel, withRequestFields(reaction.emit.payload, request, reaction.emit.copyFromRequest));
        }
      }, reaction.delayMs ?? 0);
    }
  };

  const bridge: GatehouseBridge = {
    invoke(channel: InvokeChannel, ...args: unknown[]) {
      if (allowed !== undefined && !allowed.invoke.includes(channel)) {
        console.error(`stub bridge: ${channel} is not a channel of this window`);
        return Promise.reject(new Error(`gatehouse: ${channel} is not a channel of this window`));
      }
      const request = clone(args[0]);
      invocations.push({ channel, request });
      const result = answer(channel, request);
      react(channel, request);
      return result as never;
    },
    on(channel, listener) {
      if (allowed !== undefined && !allowed.events.includes(channel)) {
        console.error(`stub bridge: ${channel} is not an event of this window`);
        throw new Error(`gatehouse: ${channel} is not an event of this window`);
      }
      const id = nextId++;
      listeners.set(id, { channel, listener: listener as (payload: never) => void });
      return id as never;
    },
    off(subscription) {
      listeners.delete(subscription);
    },
  };

  const control: StubPageControl = {
    emit,
    setAnswer(channel, next) {
      answers[channel] = next;
    },
    invocations: () => clone(invocations),
    subscribers: (channel) => [...listeners.values()].filter((entry) => entry.channel === channel).length,
  };
  Object.defineProperty(globalThis, 'gatehouse', { value: Object.freeze(bridge) });
  Object.defineProperty(globalThis, '__gatehouseStub', { value: Object.freeze(control) });
}

/** The Node side of the stub, typed by the contract. */
export class StubBridge {
  readonly #page: Page;

  constructor(page: Page) {
    this.#page = page;
  }

  async emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): Promise<void> {
    await this.#page.evaluate(
      ([name, event, body]) => (globalThis as unknown as Record<string, StubPageControl>)[name]!.emit(event, body),
      [stubControlGlobal, channel, payload] as const,
    );
  }

  async setAnswer<C extends InvokeChannel>(channel: C, answer: StubAnswer<InvokeResponse<C>>): Promise<void> {
    await this.#page.evaluate(
      ([name, target, next]) => (globalThis as unknown as Record<string, StubPageControl>)[name]!.setAnswer(target, next),
      [stubControlGlobal, channel, answer] as const,
    );
  }

  /** The requests of every invoke of `channel` so far, oldest first. */
  async requests<C extends InvokeChannel>(channel: C): Promise<InvokeRequest<C>[]> {
    const all = await this.#page.evaluate(
      (name) => (globalThis as unknown as Record<string, StubPageControl>)[name]!.invocations(),
      stubControlGlobal,
    );
    return all.filter((call) => call.channel === channel).map((call) => call.request as InvokeRequest<C>);
  }

  async subscribers(channel: EventChannel): Promise<number> {
    return this.#page.evaluate(
      ([name, event]) => (globalThis as unknown as Record<string, StubPageControl>)[name]!.subscribers(event),
      [stubControlGlobal, channel] as const,
    );
  }
}

export const stubSettings: SettingsView = {
  gatewayMode: 'local',
  port: 18789,
  bind: 'loopback',
  notifications: true,
  launchAtLogin: false,
  quitBehavior: 'ask',
  model: 'anthropic/claude-sonnet-4-5',
  providerConfigured: true,
  secretStorage: 'encrypted',
  onboardingDone: true,
};

const ok = { value: { ok: true } };

/** Answers for every channel: a running gateway with nothing waiting, and quiet defaults. */
export function defaultAnswers(): Record<InvokeChannel, StubAnswer> {
  return {
    'app:getInfo': { value: { version: '0.1.0-e2e', platform: 'linux' } },
    'tray:getState': { value: { state: 'running' } },
    'gateway:getStatus': {
      value: {
        state: 'running',
        url: 'ws://127.0.0.1:18789',
        attached: false,
        pid: 4242,
        since: 0,
        connection: { status: 'connected' },
        counts: { approvals: 0, pairing: 0 },
        canRetry: false,
      },
    },
    'gateway:start': ok,
    'gateway:stop': ok,
    'gateway:restart': ok,
    'gateway:retry': ok,
    'approvals:list': { value: [] },
    'approvals:resolve': ok,
    'pairing:list': { value: [] },
    'pairing:approve': ok,
    'pairing:reject': ok,
    // A gateway without chat channels: the Pairing panel shows no sender list, Settings no Channels section.
    'pairing:senders': { value: { state: 'unsupported', requests: [] } },
    'pairing:approveSender': ok,
    'pairing:dismissSender': ok,
    'channels:status': { value: { state: 'unsupported', channels: [], actions: { start: false, stop: false, logout: false } } },
    'channels:check': { value: { state: 'unsupported', channels: [], actions: { start: false, stop: false, logout: false } } },
    'channels:setToken': ok,
    'channels:start': ok,
    'channels:stop': ok,
    'channels:logout': ok,
    // …and no skills: Settings shows no Skills section.
    'skills:status': { value: { state: 'unsupported' } },
    'skills:setEnabled': ok,
    'skills:install': { value: { ok: true, message: 'Installed.' } },
    'chat:listSessions': { value: [] },
    'chat:history': { value: { messages: [] }, copyFromRequest: ['sessionKey'] },
    'chat:send': { value: { ok: true, runId: 'run-1' } },
    'chat:abort': ok,
    'chat:listModels': { value: [] },
    'chat:setModel': ok,
    'settings:get': { value: stubSettings },
    'settings:update': { mergeInto: 'settings:get', omit: ['remoteToken'] },
    'settings:setProvider': ok,
    'settings:copyToken': ok,
    'settings:rotateToken': ok,
    'logs:recent': { value: [] },
    'scheduled:list': { value: { state: 'ready', jobs: [], timeZone: 'Europe/Berlin' } },
    'scheduled:runs': { value: [] },
    'scheduled:add': { value: { ok: true, jobId: 'job-new' } },
    'scheduled:update': ok,
    'scheduled:setEnabled': ok,
    'scheduled:runNow': ok,
    'scheduled:remove': ok,
    // A gateway without cron or heartbeat methods: the panel shows no schedule line.
    'scheduled:summary': { value: { timeZone: 'Europe/Berlin' } },
    // ── wizard ── a gateway whose wizard is busy elsewhere, until a spec scripts the steps.
    'wizard:start': { value: { ok: false, message: 'wizard already running' } },
    'wizard:next': { value: { ok: false, message: 'wizard not found' } },
    'wizard:cancel': { value: { ok: true, progress: { sessionId: 'wizard-1', done: true, status: 'cancelled', error: 'cancelled' } } },
    'wizard:status': { value: { ok: false, message: 'wizard not found' } },
    'window:open': ok,
  };
}

/**
 * `init` for the window that opens on `view` (a URL hash; anything unknown is the panel, as in
 * renderer/route.ts), limited to that kind of window's channels.
 */
export function forWindow(view: string, init: StubBridgeInit): StubBridgeInit {
  const kind: WindowKind = isWindowKind(view) ? view : 'panel';
  const { invoke, events } = windowChannels[kind];
  return { ...init, allowed: { invoke: [...invoke], events: [...events] } };
}

/** The default answers with some replaced. */
export function stubInit(
  answers: Partial<Record<InvokeChannel, StubAnswer>> = {},
  reactions: Partial<Record<InvokeChannel, StubReaction[]>> = {},
): StubBridgeInit {
  return { answers: { ...defaultAnswers(), ...answers }, reactions };
}
