import { LogsTailParams } from '../../shared/protocol/params/logs.js';
import { tailLogFile } from '../logging/log-tail.js';
import { defineMethod, type MethodDefinition } from '../router/method-definition.js';
import type { GatewayServices } from '../runtime/gateway-services.js';

export function logsMethods(services: GatewayServices): MethodDefinition[] {
  return [
    defineMethod({
      name: 'logs.tail',
      params: LogsTailParams,
      handler: ({ params }) =>
        tailLogFile({ file: services.process.logFile, cursor: params.cursor, limit: params.limit, maxBytes: params.maxBytes }),
    }),
  ];
}
