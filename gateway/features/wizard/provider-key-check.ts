// The onboarding's live check of a model provider key: one cheap request that needs the key (the
// provider's model list), so a mistyped or revoked key is caught while the person is still at
// the prompt instead of on the first agent turn.

/** How long the check may take before it counts as "could not reach". */
export const KEY_CHECK_TIMEOUT_MS = 8_000;
const MAX_REASON_CHARS = 300;

export type KeyedProvider = 'anthropic' | 'openai';

export type KeyCheckOutcome =
  | { ok: true }
  /** `refused`: the provider answered and said no (401, 403…); `unreachable`: no answer. */
  | { ok: false; kind: 'refused' | 'unreachable'; reason: string };

/**
 * The list-models request of each provider's API: Anthropic's at `{base}/v1/models` with
 * `x-api-key` (https://docs.anthropic.com/en/api/models-list), OpenAI's at `{base}/models` with a
 * bearer token (https://platform.openai.com/docs/api-reference/models/list). The base URLs are the
 * catalog's: Anthropic's is the bare host, OpenAI's ends in /v1.
 */
function listModelsRequest(provider: KeyedProvider, baseUrl: string, key: string): { url: string; headers: Record<string, string> } {
  if (provider === 'anthropic') {
    return { url: `${baseUrl}/v1/models?limit=1`, headers: { accept: 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' } };
  }
  return { url: `${baseUrl}/models`, headers: { accept: 'application/json', authorization: `Bearer ${key}` } };
}

/** The provider's own words for a refusal: both APIs put them at `error.message`. */
async function refusalReason(response: Response): Promise<string> {
  try {
    const body = JSON.parse(await response.text()) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    if (typeof message === 'string' && message.trim() !== '') return `HTTP ${response.status}: ${message.trim().slice(0, MAX_REASON_CHARS)}`;
  } catch {
    // Not JSON: the status line says enough.
  }
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

/** Asks the provider whether it accepts `key`. Never throws: every failure is an outcome to show. */
export async function checkProviderKey(
  provider: KeyedProvider,
  baseUrl: string,
  key: string,
  options: { fetchImpl?: typeof fetch; timeoutMs?: number } = {},
): Promise<KeyCheckOutcome> {
  const { url, headers } = listModelsRequest(provider, baseUrl.replace(/\/+$/, ''), key);
  const timeoutMs = options.timeoutMs ?? KEY_CHECK_TIMEOUT_MS;
  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    return { ok: false, kind: 'unreachable', reason: timedOut ? `no answer from ${new URL(url).origin} within ${timeoutMs / 1000} s` : `cannot reach ${new URL(url).origin}: ${cause}` };
  }
  if (response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: true };
  }
  return { ok: false, kind: response.status >= 500 ? 'unreachable' : 'refused', reason: await refusalReason(response) };
}
