/** Preload of the settings window: exposes only the settings window's channels. */
import { exposeGatehouseBridge } from './expose-bridge.js';

exposeGatehouseBridge('settings');
