import type { MethodDefinition } from '../router/method-definition.js';
import type { GatewayServices } from '../runtime/gateway-services.js';
import { agentMethods } from './agent.js';
import { chatMethods } from './chat.js';
import { configMethods } from './config.js';
import { deviceMethods } from './devices.js';
import { execApprovalMethods } from './exec-approvals.js';
import { healthMethods } from './health.js';
import { logsMethods } from './logs.js';
import { modelMethods } from './models.js';
import { nodeMethods } from './nodes.js';
import { nodePairingMethods } from './node-pairing.js';
import { sessionMethods } from './sessions.js';
import { skillsMethods } from './skills.js';
import { systemMethods } from './system.js';
import { usageMethods } from './usage.js';

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
    ...execApprovalMethods(services),
    ...sessionMethods(services),
    ...modelMethods(services),
    ...usageMethods(services),
    ...nodeMethods(services),
    ...nodePairingMethods(services),
    ...skillsMethods(),
  ];
}
