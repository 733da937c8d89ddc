import type { SpeechProvider } from './speech-provider.js';
import { speechFailure, SpeechError } from './speech-response.js';

/** Synthesizes with Microsoft Edge's online voices into `path` (node-edge-tts; injectable for tests). */
export type EdgeSynthesizer = (
  options: { voice: string; lang: string; outputFormat: string; proxy?: string; rate?: string; timeoutMs: number },
  text: string,
  path: string,
) => Promise<void>;

/** SSML is XML: the text goes in as character data, never as markup. */
export function escapeSsml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] ?? char);
}

/** The Edge voice (no key, but online): node-edge-tts writes the audio to a file, which is read back here. */
export function edgeSpeech(synthesize: EdgeSynthesizer, scratchPath: () => string, readAndRemove: (path: string) => Promise<Buffer>): SpeechProvider {
  return {
    id: 'edge',
    name: 'Microsoft Edge (no key, online)',
    availability: (settings) => (settings.edge.enabled ? { available: true } : { available: false, reason: 'disabled (messages.tts.edge.enabled is false)' }),
    models: () => [],
    voices: (settings) => [settings.edge.voice],
    async synthesize(settings, request) {
      if (!settings.edge.enabled) throw new SpeechError('edge: disabled (messages.tts.edge.enabled is false)');
      const outputFormat = request.opus ? 'ogg-24khz-16bit-mono-opus' : 'audio-24khz-48kbitrate-mono-mp3';
      const path = scratchPath();
      const rate = request.speed !== undefined ? `${Math.round((Math.min(2, Math.max(0.5, request.speed)) - 1) * 100)}%` : undefined;
      const options = {
        voice: request.voice ?? settings.edge.voice,
        lang: settings.edge.lang,
        outputFormat,
        timeoutMs: request.timeoutMs,
        ...(settings.edge.proxy ? { proxy: settings.edge.proxy } : {}),
        ...(rate ? { rate: rate.startsWith('-') ? rate : `+${rate}` } : {}),
      };
      let timer: NodeJS.Timeout | undefined;
      try {
        // node-edge-tts has no deadline while connecting; this one covers the whole call.
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new SpeechError(`edge: no answer within ${request.timeoutMs} ms`)), request.timeoutMs);
        });
        await Promise.race([synthesize(options, escapeSsml(request.text), path), deadline]);
      } catch (error) {
        await readAndRemove(path).catch(() => undefined);
        throw speechFailure(typeof error === 'string' ? new SpeechError(`edge: ${error}`) : error, 'edge', request.timeoutMs);
      } finally {
        clearTimeout(timer);
      }
      const audio = await readAndRemove(path);
      if (audio.length === 0) throw new SpeechError('edge: empty audio');
      return { audio, outputFormat, extension: request.opus ? '.ogg' : '.mp3', mimeType: request.opus ? 'audio/ogg' : 'audio/mpeg' };
    },
  };
}

/** node-edge-tts, loaded on first use (most gateways never speak). */
export const nodeEdgeTts: EdgeSynthesizer = async (options, text, path) => {
  const { EdgeTTS } = await import('node-edge-tts');
  const client = new EdgeTTS({
    voice: options.voice,
    lang: options.lang,
    outputFormat: options.outputFormat,
    timeout: options.timeoutMs,
    ...(options.proxy ? { proxy: options.proxy } : {}),
    ...(options.rate ? { rate: options.rate } : {}),
  });
  await client.ttsPromise(text, path);
};
