/** Preload of the logs window: exposes only the logs window's channels. */
import { exposeGatehouseBridge } from './expose-bridge.js';

exposeGatehouseBridge('logs');
