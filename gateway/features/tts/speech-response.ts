// Reading a speech provider's answer: the audio with a size cap, or its failure in words.

/** Longer than any reply's audio; a provider sending more is cut off, not buffered whole. */
export const MAX_AUDIO_BYTES = 25 * 1024 * 1024;

export class SpeechError extends Error {}

/** The body as bytes, refusing more than `MAX_AUDIO_BYTES`. */
export async function readAudio(response: Response, provider: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_AUDIO_BYTES) throw new SpeechError(`${provider}: audio larger than ${MAX_AUDIO_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) throw new SpeechError(`${provider}: empty response`);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_AUDIO_BYTES) {
      await reader.cancel();
      throw new SpeechError(`${provider}: audio larger than ${MAX_AUDIO_BYTES} bytes`);
    }
    chunks.push(Buffer.from(value));
  }
  if (size === 0) throw new SpeechError(`${provider}: empty audio`);
  return Buffer.concat(chunks);
}

function messageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; detail?: { message?: unknown } | string; message?: unknown };
    const candidates = [
      typeof parsed.error === 'object' ? parsed.error?.message : parsed.error,
      typeof parsed.detail === 'object' ? parsed.detail?.message : parsed.detail,
      parsed.message,
    ];
    const found = candidates.find((candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '');
    if (found) return found;
  } catch {
    // Not JSON: the text itself says it.
  }
  return body.trim();
}

/** `<provider>: HTTP <status>: <what the provider said>` (its words cut to 300 characters). */
function httpMessage(provider: string, status: number, body: string): string {
  const said = messageOf(body.slice(0, 4_000)).replace(/\s+/g, ' ').slice(0, 300);
  return `${provider}: HTTP ${status}${said ? `: ${said}` : ''}`;
}

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  statusCode?: unknown;
  responseBody?: unknown;
}

/** The error itself and its causes, outermost first (the AI SDK wraps fetch's errors). */
function causeChain(error: unknown): ErrorShape[] {
  const chain: ErrorShape[] = [];
  for (let current = error; typeof current === 'object' && current !== null && chain.length < 8; current = (current as ErrorShape).cause) {
    chain.push(current as ErrorShape);
  }
  return chain;
}

/**
 * A call that failed, in words: what the provider answered (an AI SDK APICallError carries the
 * status and body), the network's code (ECONNREFUSED, ENOTFOUND…), or the deadline.
 */
export function speechFailure(error: unknown, provider: string, timeoutMs: number): SpeechError {
  const chain = causeChain(error);
  const own = chain.find((link): link is SpeechError => link instanceof SpeechError);
  if (own) return own;
  if (chain.some((link) => link.name === 'TimeoutError' || link.name === 'AbortError')) return new SpeechError(`${provider}: no answer within ${timeoutMs} ms`);
  const answered = chain.find((link) => typeof link.statusCode === 'number');
  if (answered) return new SpeechError(httpMessage(provider, answered.statusCode as number, typeof answered.responseBody === 'string' ? answered.responseBody : ''));
  if (chain.some((link) => link.name === 'AI_NoSpeechGeneratedError')) return new SpeechError(`${provider}: empty audio`);
  const coded = chain.find((link) => typeof link.code === 'string');
  if (coded) return new SpeechError(`${provider}: ${coded.code as string}`);
  const message = chain.at(-1)?.message ?? (error as ErrorShape | undefined)?.message ?? error;
  return new SpeechError(`${provider}: ${String(message)}`);
}
