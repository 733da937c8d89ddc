import { LogsTailParams } from '../../../shared/protocol/logs/params.js';
import { tailLogFile } from './log-tail.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';

export type LogsContext = Pick<FeatureContext, 'process'>;

export function logsMethods(services: LogsContext): MethodDefinition[] {
  return [
    defineMethod({
      name: 'logs.tail',
      params: LogsTailParams,
      handler: ({ params }) =>
        tailLogFile({ file: services.process.logFile, cursor: params.cursor, limit: params.limit, maxBytes: params.maxBytes }),
    }),
  ];
}
