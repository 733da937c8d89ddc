/** Preload of the approval prompt: exposes only the approvals window's channels. */
import { exposeGatehouseBridge } from './expose-bridge.js';

exposeGatehouseBridge('approvals');
