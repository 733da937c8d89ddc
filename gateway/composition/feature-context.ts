import type { Logger } from 'pino';
import { ErrorCode, GatewayError } from '../../shared/protocol/error-codes.js';
import type { AgentRuntime } from '../agent/agent-runtime.js';
import type { AgentTurns } from '../agent/agent-turns.js';
import type { ModelCatalog } from '../agent/models/model-catalog.js';
import type { PromptSections } from '../agent/prompt-builder.js';
import type { WakeRequests } from '../agent/wake-requests.js';
import type { DeliveryReceipt, ReplyTarget } from '../agent/channel-delivery.js';
import type { ConfigService } from '../core/config-service.js';
import type { DevicePairing } from '../core/devices/device-pairing.js';
import type { DeviceTokens } from '../core/devices/device-tokens.js';
import type { LoginCodes } from '../core/devices/login-codes.js';
import type { EventBus } from '../core/events/event-bus.js';
import type { PresencePublisher } from '../core/events/presence-publisher.js';
import type { FeatureModule } from '../core/feature.js';
import type { ProcessInfo } from '../core/process-info.js';
import type { ConnectionRegistry } from '../core/server/connection-registry.js';
import type { GatewayStore } from '../agent/store/gateway-store.js';
import type { Database } from '../core/store/database.js';
import type { ExecApprovals } from '../features/exec-approvals/exec-approvals-service.js';
import type { HealthMonitor } from '../features/health/health-monitor.js';
import type { HeartbeatState } from '../features/heartbeat/heartbeat-state.js';
import type { NodeService } from '../features/nodes/node-service.js';

export interface Clock {
  now(): number;
}

/**
 * Everything a feature may be given. A feature names the parts it uses in its module
 * (`FeatureModule<FeatureContext, 'config' | 'events'>`) and receives only those; a test builds
 * exactly those. All of it lives as long as the process: an in-place restart replaces the
 * listener, not these.
 */
export interface FeatureContext {
  readonly process: ProcessInfo;
  /** Tagged with the feature's name. */
  readonly logger: Logger;
  readonly clock: Clock;
  readonly config: ConfigService;
  /** The models callable under the current config. */
  models(): ModelCatalog;
  /** Publishes events to every connection allowed to see them. */
  readonly events: EventBus;
  readonly presence: PresencePublisher;
  readonly connections: ConnectionRegistry;
  readonly store: GatewayStore;
  /** For repositories a feature owns (its own tables, from its migrations). */
  readonly database: Database;
  readonly devices: { readonly pairing: DevicePairing; readonly tokens: DeviceTokens; readonly loginCodes: LoginCodes };
  /** The agent runtime, for the families that serve agent runs to clients. */
  readonly agents: AgentRuntime;
  /** The one way a feature starts an agent turn of its own (cron, heartbeat, channels). */
  readonly turns: AgentTurns;
  /** Asks for a heartbeat turn of an agent's main session (now, or at the next heartbeat). */
  readonly wakeRequests: WakeRequests;
  readonly health: HealthMonitor;
  /** What the heartbeat scheduler does now (the heartbeat feature writes it; health and status read it). */
  readonly heartbeats: HeartbeatState;
  readonly nodes: NodeService;
  readonly approvals: ExecApprovals;
  /** The other features' `status()` entries, by feature name (for `status`). */
  featureStatus(): Record<string, unknown>;
  /** Sends text out through a chat channel (`deliver: true`, cron and heartbeat delivery); the channels feature provides it. */
  readonly delivery: ChannelDeliveryPort;
  /** Sections a feature adds to every agent turn's system prompt (skills' `<available_skills>`). */
  readonly promptSections: PromptSections;
  /** Speaks a chat reply when `messages.tts.auto` asks for it; the tts feature provides it. */
  readonly replySpeech: ReplySpeechPort;
}

/** Where a reply goes: an explicit chat, or (no `channel`/`to`, or channel "last") the chat the session's agent last heard from. */
export type DeliveryRequest = ReplyTarget & { readonly text: string };

export type { DeliveryReceipt };

export interface ChannelDelivery {
  /** Throws a GatewayError saying why it cannot deliver (no channel, no last route, refused). */
  deliver(request: DeliveryRequest): Promise<DeliveryReceipt>;
  /** Throws the same error `deliver` would for the target alone (before a run is admitted); sends nothing. */
  check(request: Omit<DeliveryRequest, 'text'>): void;
  /** Why nothing can be delivered at all (no channel configured), or undefined when some channel is. */
  unavailableReason(): string | undefined;
}

/** Filled by the channels feature when it is built; before that (or without it) delivery is refused. */
export interface ChannelDeliveryPort extends ChannelDelivery {
  provide(implementation: ChannelDelivery): void;
  available(): boolean;
}

/**
 * The delivery port. `outboundText` is applied to every text before it leaves (the composition root
 * strips the heartbeat acknowledgement with it); text that comes to nothing is refused, not sent.
 */
export function channelDeliveryPort(unavailable: () => Error, options: { outboundText?: (text: string) => string } = {}): ChannelDeliveryPort {
  let implementation: ChannelDelivery | undefined;
  return {
    provide: (provided) => void (implementation = provided),
    available: () => implementation !== undefined && implementation.unavailableReason() === undefined,
    unavailableReason: () => (implementation ? implementation.unavailableReason() : unavailable().message),
    check: (request) => {
      if (!implementation) throw unavailable();
      implementation.check(request);
    },
    deliver: (request) => {
      if (!implementation) return Promise.reject(unavailable());
      const text = options.outboundText ? options.outboundText(request.text) : request.text;
      if (text.trim() === '') return Promise.reject(new GatewayError(ErrorCode.invalidRequest, 'nothing to deliver: the reply is empty once the HEARTBEAT_OK acknowledgement is removed'));
      return implementation.deliver({ ...request, text });
    },
  };
}

/** A reply's audio file (in `<state dir>/tts/`) and what it is. */
export interface SpokenReply {
  readonly path: string;
  readonly mimeType: string;
  /** Ogg/Opus: Telegram shows it as a voice note. */
  readonly voiceCompatible: boolean;
  readonly provider: string;
}

export interface ReplySpeech {
  /** The reply's audio when the auto mode asks for it; undefined when not (or when synthesis failed). Never rejects. */
  speak(request: { readonly channel: string; readonly text: string; readonly inboundVoice: boolean }): Promise<SpokenReply | undefined>;
  /** The reply as people read it: `[[tts…]]` directives removed. */
  visibleText(text: string): string;
}

/** Filled by the tts feature; without it nothing is spoken and the text is left as it is. */
export interface ReplySpeechPort extends ReplySpeech {
  provide(implementation: ReplySpeech): void;
}

export function replySpeechPort(): ReplySpeechPort {
  let implementation: ReplySpeech | undefined;
  return {
    provide: (provided) => void (implementation = provided),
    speak: (request) => (implementation ? implementation.speak(request) : Promise.resolve(undefined)),
    visibleText: (text) => (implementation ? implementation.visibleText(text) : text),
  };
}

export type GatewayFeatureModule = FeatureModule<FeatureContext, keyof FeatureContext>;

/**
 * Declares a feature with the context parts it needs. The result keeps its narrow type, so a
 * test builds it from exactly those parts; the feature list holds them all as GatewayFeatureModule.
 */
export function defineFeature<Needs extends keyof FeatureContext>(module: FeatureModule<FeatureContext, Needs>): FeatureModule<FeatureContext, Needs> {
  return module;
}
