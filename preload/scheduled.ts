/** Preload of the Scheduled window: exposes only the Scheduled window's channels. */
import { exposeGatehouseBridge } from './expose-bridge.js';

exposeGatehouseBridge('scheduled');
