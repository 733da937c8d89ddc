import Type from 'typebox';
import { PositiveInteger, StringList, oneOf, pathString, section } from './primitives.js';

// config.md §7.

export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

export const LoggingSchema = section(
  {
    level: Type.Optional(oneOf(LOG_LEVELS)),
    file: Type.Optional(pathString('Log file; ${VAR} allowed. Default <stateDir>/logs/gatehouse.log.')),
    maxFileBytes: Type.Optional(PositiveInteger),
    consoleLevel: Type.Optional(oneOf(LOG_LEVELS)),
    consoleStyle: Type.Optional(oneOf(['pretty', 'json'] as const)),
    redactPatterns: Type.Optional(StringList),
  },
  { ignored: ['audit'] },
);
