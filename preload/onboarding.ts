/** Preload of the first-start onboarding window (which turns into the panel in place): exposes only the onboarding window's channels. */
import { exposeGatehouseBridge } from './expose-bridge.js';

exposeGatehouseBridge('onboarding');
