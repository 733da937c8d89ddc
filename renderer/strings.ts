/**
 * Every user-visible string of the renderer, in one place (ready for translation later).
 */
import type { GatewayState } from '../shared/ipc/contract';

export const strings = {
  productName: 'Gatehouse',
  panel: {
    title: 'Gatehouse',
    subtitle: 'Local AI gateway',
    detailsLabel: 'Companion details',
    versionLabel: 'Version',
    gatewayLabel: 'Gateway',
    loading: 'Loading…',
    unknownVersion: 'unknown',
  },
  errors: {
    bridgeMissing: 'This page runs outside the Gatehouse app, so it cannot reach the gateway.',
    infoFailed: 'Could not read the app details.',
  },
  gatewayState: {
    stopped: { label: 'Stopped', description: 'The gateway is not running.' },
    starting: { label: 'Starting…', description: 'The gateway is starting up.' },
    running: { label: 'Running', description: 'The gateway is running and ready.' },
    attached: { label: 'Attached', description: 'Using a gateway that was started outside this app.' },
    degraded: { label: 'Degraded', description: 'The gateway is running but reports a problem.' },
    error: { label: 'Error', description: 'The gateway could not be started.' },
  } satisfies Record<GatewayState, { label: string; description: string }>,
} as const;
