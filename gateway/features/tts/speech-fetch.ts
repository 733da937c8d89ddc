import { readAudio } from './speech-response.js';

/**
 * The `fetch` the AI SDK's speech models get: no redirects (a key must not follow one), the
 * audio capped at MAX_AUDIO_BYTES while it streams in (the SDK would buffer any size), and, for
 * a provider whose SDK has no base URL setting (@ai-sdk/elevenlabs 3.x), its fixed origin
 * replaced with the configured one (a proxy, or the fake endpoint of the tests).
 */
export function speechFetch(provider: string, origin?: { from: string; to: string }): typeof fetch {
  return async (input, init) => {
    let url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (origin && origin.from !== origin.to && url.startsWith(`${origin.from}/`)) url = `${origin.to}${url.slice(origin.from.length)}`;
    const response = await fetch(url, { ...init, redirect: 'error' });
    if (!response.ok) return response;
    const audio = await readAudio(response, provider);
    const headers = new Headers(response.headers);
    headers.delete('content-encoding');
    headers.set('content-length', String(audio.length));
    return new Response(new Uint8Array(audio), { status: response.status, statusText: response.statusText, headers });
  };
}
