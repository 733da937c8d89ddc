import { randomUUID } from 'node:crypto';
import { CONTROL_UI_CLIENT_IDS } from '../../../shared/protocol/client-ids.js';
import { DEVICE_PAIRING_TTL_MS } from '../../../shared/protocol/limits.js';
import { scopesCovered } from '../../../shared/protocol/scopes.js';
import type { DevicesRepository, PairedDeviceRecord } from './devices-repository.js';
import type { DevicePairRequest, PairRequestsRepository } from './pair-requests-repository.js';
import type { EventBus } from '../events/event-bus.js';
import { normalizeMetadataField } from '../server/device-identity.js';

export type PairingReason = 'not-paired' | 'role-upgrade' | 'scope-upgrade' | 'metadata-upgrade';

export const PAIRING_REQUIREMENT_TEXT: Record<PairingReason, string> = {
  'not-paired': 'device pairing required',
  'role-upgrade': 'role upgrade pending approval',
  'scope-upgrade': 'scope upgrade pending approval',
  'metadata-upgrade': 'device metadata change pending approval',
};

export const PAIRING_CLOSE_TEXT: Record<PairingReason, string> = {
  'not-paired': 'device is not approved yet',
  'role-upgrade': 'role upgrade is not approved yet',
  'scope-upgrade': 'scope upgrade is not approved yet',
  'metadata-upgrade': 'device metadata change is not approved yet',
};

/** Browser clients that the spec lets auto-approve (the Control UI and WebChat). */
const BROWSER_CLIENTS_AUTO_APPROVED: ReadonlySet<string> = new Set([...CONTROL_UI_CLIENT_IDS, 'webchat-ui', 'webchat']);

export interface PairingCandidate {
  deviceId: string;
  publicKey: string;
  role: string;
  scopes: string[];
  displayName?: string;
  platform?: string;
  deviceFamily?: string;
  clientId: string;
  clientMode: string;
  remoteIp?: string;
  local: boolean;
  browserOrigin?: string;
}

export type PairingDecision =
  | { kind: 'paired'; device: PairedDeviceRecord }
  | { kind: 'pending'; reason: PairingReason; request: DevicePairRequest; device?: PairedDeviceRecord };

/** A paired device as listings show it: the stored record minus bookkeeping. */
export type PairedDeviceView = Omit<PairedDeviceRecord, 'updatedAtMs'>;

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function viewDevice(device: PairedDeviceRecord): PairedDeviceView {
  const { updatedAtMs: _updatedAtMs, ...view } = device;
  return compact(view);
}

/** Device pairing of spec §10.1–10.2: who may connect, which requests wait for a person. */
export class DevicePairing {
  constructor(
    private readonly devices: DevicesRepository,
    private readonly requests: PairRequestsRepository,
    private readonly bus: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  requirement(candidate: PairingCandidate): { reason: PairingReason; device?: PairedDeviceRecord } | null {
    const device = this.devices.get(candidate.deviceId);
    if (!device || device.publicKey !== candidate.publicKey) return { reason: 'not-paired' };
    if (!device.roles.includes(candidate.role)) return { reason: 'role-upgrade', device };
    if (candidate.role === 'operator' && !scopesCovered(candidate.scopes, device.scopes)) {
      return { reason: 'scope-upgrade', device };
    }
    const pinnedPlatform = normalizeMetadataField(device.platform);
    const pinnedFamily = normalizeMetadataField(device.deviceFamily);
    if (
      pinnedPlatform !== normalizeMetadataField(candidate.platform) ||
      pinnedFamily !== normalizeMetadataField(candidate.deviceFamily)
    ) {
      return { reason: 'metadata-upgrade', device };
    }
    return null;
  }

  private autoApproves(candidate: PairingCandidate, reason: PairingReason): boolean {
    if (!candidate.local) return false;
    if (candidate.browserOrigin === undefined) return true;
    if (!BROWSER_CLIENTS_AUTO_APPROVED.has(candidate.clientId)) return false;
    // Browsers may pair for the first time locally, but never widen an existing pairing silently.
    return reason === 'not-paired';
  }

  /** Evaluates a verified device at connect time; approves inline when the rules allow it. */
  evaluate(candidate: PairingCandidate): PairingDecision {
    const requirement = this.requirement(candidate);
    if (!requirement) {
      const device = this.devices.get(candidate.deviceId);
      if (device) return { kind: 'paired', device };
    }
    const reason = requirement?.reason ?? 'not-paired';
    const request = this.openRequest(candidate, reason, requirement?.device);
    if (this.autoApproves(candidate, reason)) {
      const device = this.approveRequest(request, 'local-auto');
      return { kind: 'paired', device };
    }
    this.bus.broadcast('device.pair.requested', request);
    return { kind: 'pending', reason, request, device: requirement?.device };
  }

  private openRequest(candidate: PairingCandidate, reason: PairingReason, existing?: PairedDeviceRecord): DevicePairRequest {
    const now = this.now();
    for (const older of this.requests.pendingForDevice(candidate.deviceId, now)) {
      this.requests.resolve(older.requestId, 'superseded', now);
      this.announceResolved(older, 'rejected');
    }
    const request: DevicePairRequest = compact({
      requestId: randomUUID(),
      deviceId: candidate.deviceId,
      publicKey: candidate.publicKey,
      displayName: candidate.displayName,
      platform: candidate.platform,
      deviceFamily: candidate.deviceFamily,
      clientId: candidate.clientId,
      clientMode: candidate.clientMode,
      role: candidate.role,
      roles: union(existing?.roles ?? [], [candidate.role]),
      scopes: candidate.role === 'operator' ? candidate.scopes : [],
      remoteIp: candidate.remoteIp,
      silent: candidate.local && this.autoApproves(candidate, reason),
      isRepair: existing !== undefined && reason !== 'not-paired',
      ts: now,
    });
    this.requests.insert(request, now + DEVICE_PAIRING_TTL_MS);
    return request;
  }

  private approveRequest(request: DevicePairRequest, approvedBy: string): PairedDeviceRecord {
    const now = this.now();
    const existing = this.devices.get(request.deviceId);
    const sameKey = existing?.publicKey === request.publicKey;
    const device: PairedDeviceRecord = {
      deviceId: request.deviceId,
      publicKey: request.publicKey,
      displayName: request.displayName ?? existing?.displayName,
      platform: request.platform,
      deviceFamily: request.deviceFamily,
      clientId: request.clientId,
      clientMode: request.clientMode,
      roles: union(sameKey ? existing.roles : [], request.roles),
      scopes: union(sameKey ? existing.scopes : [], request.scopes),
      approvedAtMs: now,
      approvedBy,
      remoteIp: request.remoteIp,
      createdAtMs: sameKey ? existing.createdAtMs : now,
      updatedAtMs: now,
      lastSeenAtMs: existing?.lastSeenAtMs,
    };
    this.devices.replace(device);
    this.requests.resolve(request.requestId, 'approved', now);
    this.announceResolved(request, 'approved');
    return device;
  }

  pendingRequest(requestId: string): DevicePairRequest | undefined {
    const found = this.requests.get(requestId);
    if (!found || found.status !== 'pending' || found.expiresAtMs <= this.now()) return undefined;
    return found.request;
  }

  approve(requestId: string, approvedBy: string): PairedDeviceRecord | undefined {
    const request = this.pendingRequest(requestId);
    return request ? this.approveRequest(request, approvedBy) : undefined;
  }

  reject(requestId: string): DevicePairRequest | undefined {
    const request = this.pendingRequest(requestId);
    if (!request) return undefined;
    this.requests.resolve(requestId, 'rejected', this.now());
    this.announceResolved(request, 'rejected');
    return request;
  }

  list(): { pending: DevicePairRequest[]; paired: PairedDeviceRecord[] } {
    return { pending: this.requests.pending(this.now()), paired: this.devices.list() };
  }

  /** Expires requests past their 5 minutes so that prompts can disappear everywhere. */
  sweep(): void {
    for (const request of this.requests.expire(this.now())) this.announceResolved(request, 'expired');
  }

  private announceResolved(request: DevicePairRequest, decision: 'approved' | 'rejected' | 'expired'): void {
    this.bus.broadcast('device.pair.resolved', {
      requestId: request.requestId,
      deviceId: request.deviceId,
      decision,
      ts: this.now(),
    });
  }
}
