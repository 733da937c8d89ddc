// Errors the config subsystem throws. Messages say what to do next; codes are the
// protocol's (shared/protocol/error-codes.ts) so RPC handlers can pass them straight on.

export type ConfigWriteErrorCode = 'INVALID_REQUEST' | 'UNAVAILABLE';

/** A config.set / config.patch that was refused; nothing was written. */
export class ConfigWriteError extends Error {
  readonly code: ConfigWriteErrorCode;
  readonly details?: unknown;

  constructor(code: ConfigWriteErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ConfigWriteError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}

/** The config cannot be turned into listener settings (startup must stop). */
export class GatewaySettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewaySettingsError';
  }
}
