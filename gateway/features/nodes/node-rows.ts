import type { PairedDeviceRecord } from '../../core/devices/devices-repository.js';
import { EMPTY_SURFACE, type NodeMetadata, type NodeRecord } from './nodes-repository.js';
import { usableCommands, type NodeCommandConfig } from './node-command-policy.js';
import type { LiveNode } from './node-registry.js';
import { approvedPart } from './node-surface.js';

/** One entry of `node.list` / the body of `node.describe` (spec §17.3). */
export interface NodeListRow extends NodeMetadata {
  nodeId: string;
  caps: string[];
  /** Usable commands: declared ∩ gateway policy ∩ approved. */
  commands: string[];
  permissions?: Record<string, boolean>;
  paired: boolean;
  connected: boolean;
  connectedAtMs?: number;
  lastSeenAtMs?: number;
  approvedAtMs?: number;
}

export interface NodeRowSources {
  record?: NodeRecord;
  live?: LiveNode;
  device?: PairedDeviceRecord;
  config: NodeCommandConfig;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function deviceMetadata(device: PairedDeviceRecord | undefined): NodeMetadata {
  if (!device) return {};
  return compact({
    displayName: device.displayName,
    platform: device.platform,
    deviceFamily: device.deviceFamily,
    clientId: device.clientId,
    clientMode: device.clientMode,
    remoteIp: device.remoteIp,
  });
}

export function buildNodeRow(nodeId: string, sources: NodeRowSources): NodeListRow {
  const { record, live, device, config } = sources;
  const metadata = live?.metadata ?? (record && Object.keys(record.metadata).length > 0 ? record.metadata : deviceMetadata(device));
  // A node known only from a legacy node.pair.request never declared anything: show what was approved.
  const declared = live?.declared ?? (record?.lastConnectedAtMs === undefined ? record?.approved : record.declared) ?? EMPTY_SURFACE;
  const approved = record?.approved;
  const shown = approvedPart(declared, approved);
  return compact({
    nodeId,
    ...metadata,
    displayName: record?.displayName ?? metadata.displayName,
    caps: shown.caps,
    commands: usableCommands(declared.commands, approved?.commands, config),
    permissions: Object.keys(shown.permissions).length > 0 ? shown.permissions : undefined,
    paired: device?.roles.includes('node') === true || record?.approvedAtMs !== undefined,
    connected: live !== undefined,
    connectedAtMs: live?.connectedAtMs,
    lastSeenAtMs: live ? live.lastSeenAtMs : (record?.lastSeenAtMs ?? device?.lastSeenAtMs),
    approvedAtMs: record?.approvedAtMs,
  });
}

/** Connected nodes first, then by name (spec §17.3). */
export function sortNodeRows(rows: NodeListRow[]): NodeListRow[] {
  const name = (row: NodeListRow) => (row.displayName ?? row.nodeId).toLocaleLowerCase();
  return rows.sort(
    (a, b) => Number(b.connected) - Number(a.connected) || name(a).localeCompare(name(b)) || a.nodeId.localeCompare(b.nodeId),
  );
}

/** One `paired` entry of `node.pair.list`: what an operator approved for a node. */
export interface PairedNodeView extends NodeMetadata {
  nodeId: string;
  caps: string[];
  commands: string[];
  permissions: Record<string, boolean>;
  approvedAtMs?: number;
  approvedBy?: string;
  /** When the node record or, for a node known only as a paired device, the device was created. */
  createdAtMs: number;
  lastConnectedAtMs?: number;
  lastSeenAtMs?: number;
}

/** Undefined when neither a node record nor a paired device is known for `nodeId`. */
export function buildPairedNode(nodeId: string, record: NodeRecord | undefined, device: PairedDeviceRecord | undefined): PairedNodeView | undefined {
  const createdAtMs = record?.createdAtMs ?? device?.createdAtMs;
  if (createdAtMs === undefined) return undefined;
  const metadata = record && Object.keys(record.metadata).length > 0 ? record.metadata : deviceMetadata(device);
  const approved = record?.approved ?? EMPTY_SURFACE;
  return compact({
    nodeId,
    ...metadata,
    displayName: record?.displayName ?? metadata.displayName,
    caps: approved.caps,
    commands: approved.commands,
    permissions: approved.permissions,
    approvedAtMs: record?.approvedAtMs,
    approvedBy: record?.approvedBy,
    createdAtMs,
    lastConnectedAtMs: record?.lastConnectedAtMs,
    lastSeenAtMs: record?.lastSeenAtMs ?? device?.lastSeenAtMs,
  });
}
