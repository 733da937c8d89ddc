// Reading a speech provider's HTTP answer: the audio with a size cap, or its error in words.

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
export async function httpFailure(response: Response, provider: string): Promise<SpeechError> {
  const body = await response.text().catch(() => '');
  const said = messageOf(body.slice(0, 4_000)).replace(/\s+/g, ' ').slice(0, 300);
  return new SpeechError(`${provider}: HTTP ${response.status}${said ? `: ${said}` : ''}`);
}

/** A fetch that never answered: the cause's code (ECONNREFUSED, ENOTFOUND…) or the timeout. */
export function networkFailure(error: unknown, provider: string, timeoutMs: number): SpeechError {
  if (error instanceof SpeechError) return error;
  const name = (error as { name?: unknown })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return new SpeechError(`${provider}: no answer within ${timeoutMs} ms`);
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : String((error as Error)?.message ?? error);
  return new SpeechError(`${provider}: ${detail}`);
}
