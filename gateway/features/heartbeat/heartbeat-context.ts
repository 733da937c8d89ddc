import type { FeatureContext } from '../../composition/feature-context.js';

/** The parts of the gateway the heartbeat feature uses. */
export type HeartbeatContext = Pick<
  FeatureContext,
  'logger' | 'clock' | 'config' | 'events' | 'store' | 'database' | 'agents' | 'turns' | 'wakeRequests' | 'heartbeats' | 'delivery'
>;
