import type { MethodDefinition } from '../router/method-definition.js';
import type { GatewayServices } from '../runtime/gateway-services.js';
import { agentMethods } from './agent.js';
import { chatMethods } from './chat.js';
import { configMethods } from './config.js';
import { deviceMethods } from './devices.js';
import { healthMethods } from './health.js';
import { logsMethods } from './logs.js';
import { systemMethods } from './system.js';

/** Every method family the gateway serves; a method absent here answers "unknown method". */
export function allMethods(services: GatewayServices): MethodDefinition[] {
  return [
    ...healthMethods(services),
    ...logsMethods(services),
    ...systemMethods(services),
    ...configMethods(services),
    ...deviceMethods(services),
    ...agentMethods(services),
    ...chatMethods(services),
  ];
}
