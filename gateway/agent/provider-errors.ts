export type RunErrorKind = 'refusal' | 'timeout' | 'rate_limit' | 'context_length' | 'auth' | 'unknown';

export interface RunFailure {
  message: string;
  /** v4 `errorKind` (auth is reported to v4 clients as unknown). */
  kind: RunErrorKind;
  retryable: boolean;
  retryAfterMs?: number;
  statusCode?: number;
}

function retryAfter(headers: Record<string, string> | undefined): number | undefined {
  const value = headers?.['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? Math.max(0, Math.round(seconds * 1000)) : undefined;
}

/** The AI SDK's APICallError, recognised by shape so this module does not load the SDK. */
interface ApiCallErrorShape {
  statusCode?: number;
  message: string;
  responseHeaders?: Record<string, string>;
  cause?: unknown;
}

function isApiCallError(value: unknown): value is ApiCallErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; statusCode?: unknown };
  return candidate.name === 'AI_APICallError' || (typeof candidate.statusCode === 'number' && 'responseHeaders' in value);
}

function findApiCallError(error: unknown): ApiCallErrorShape | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (isApiCallError(current)) return current;
    current = (current as { cause?: unknown; lastError?: unknown }).lastError ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Turns whatever the provider stack threw into a message a person can act on. */
export function describeProviderError(error: unknown, provider: string): RunFailure {
  const api = findApiCallError(error);
  if (api?.statusCode !== undefined) {
    const status = api.statusCode;
    if (status >= 200 && status < 300) {
      // The provider accepted the request and its stream broke off (a dropped connection, a body that stopped parsing).
      const cause = api.cause instanceof Error ? api.cause.message : api.message;
      return { message: `${provider} stream broke off: ${cause}`, kind: 'unknown', retryable: true };
    }
    const detail = api.message ? `: ${api.message}` : '';
    if (status === 401 || status === 403) {
      return { message: `${provider} rejected the API key (HTTP ${status})${detail}`, kind: 'auth', retryable: false, statusCode: status };
    }
    if (status === 429) {
      const failure: RunFailure = { message: `${provider} is rate limiting requests (HTTP 429)${detail}`, kind: 'rate_limit', retryable: true, statusCode: status };
      const wait = retryAfter(api.responseHeaders);
      if (wait !== undefined) failure.retryAfterMs = wait;
      return failure;
    }
    if (status === 400 && /context|too long|maximum.*tokens/i.test(api.message)) {
      return { message: `the conversation is too long for the model (HTTP 400)${detail}`, kind: 'context_length', retryable: false, statusCode: status };
    }
    if (status >= 500) {
      return { message: `${provider} had a server error (HTTP ${status})${detail}`, kind: 'unknown', retryable: true, statusCode: status };
    }
    return { message: `${provider} refused the request (HTTP ${status})${detail}`, kind: 'unknown', retryable: false, statusCode: status };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { message: `${provider} request failed: ${text}`, kind: 'unknown', retryable: true };
}
