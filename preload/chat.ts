/** Preload of the chat window: exposes only the chat window's channels. */
import { exposeGatehouseBridge } from './expose-bridge.js';

exposeGatehouseBridge('chat');
