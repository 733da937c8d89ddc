/** Preload of the pairing requests window: exposes only the pairing window's channels. */
import { exposeGatehouseBridge } from './expose-bridge.js';

exposeGatehouseBridge('pairing');
