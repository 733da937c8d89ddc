/** Preload of the tray panel (which also shows onboarding in place): exposes only the panel window's channels. */
import { exposeGatehouseBridge } from './expose-bridge.js';

exposeGatehouseBridge('panel');
