import { readFile, rm } from 'node:fs/promises';
import { runProgram } from './run-program.js';
import type { ProviderAvailability, SpeechAudio, SpeechProvider } from './speech-provider.js';
import { speechFailure, SpeechError } from './speech-response.js';
import { findFfmpeg, findSystemVoice, systemVoiceName, type SystemVoiceLookup } from './system-voice-programs.js';
import type { TtsSettings } from './tts-settings.js';

export interface SystemSpeechDeps {
  readonly platform: NodeJS.Platform;
  /** The PATH the programs are looked up on (the gateway's own). */
  readonly pathValue: () => string | undefined;
  /** A fresh path in the audio folder; the extension is appended. */
  readonly scratchPath: () => string;
  readonly readAndRemove: (path: string) => Promise<Buffer>;
}

const WAV: Omit<SpeechAudio, 'audio'> = { outputFormat: 'wav', extension: '.wav', mimeType: 'audio/wav' };
const OPUS: Omit<SpeechAudio, 'audio'> = { outputFormat: 'opus', extension: '.ogg', mimeType: 'audio/ogg' };
const MP3: Omit<SpeechAudio, 'audio'> = { outputFormat: 'mp3', extension: '.mp3', mimeType: 'audio/mpeg' };

/** ffmpeg's encoder settings: a small mono voice note, or a plain mp3. */
function ffmpegArgs(input: string, output: string, opus: boolean): string[] {
  const codec = opus ? ['-c:a', 'libopus', '-b:a', '32k', '-ar', '48000'] : ['-c:a', 'libmp3lame', '-q:a', '4'];
  return ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', input, '-ac', '1', ...codec, output];
}

function isWav(audio: Buffer): boolean {
  return audio.length > 44 && audio.toString('latin1', 0, 4) === 'RIFF' && audio.toString('latin1', 8, 12) === 'WAVE';
}

/**
 * The operating system's voice (no key, offline): `say`, SAPI or espeak-ng writes a WAV, which
 * ffmpeg turns into the format asked for (mp3, or opus for a voice note). Without ffmpeg the WAV
 * is returned as WAV, and `formatNote` says why — never mislabelled as mp3.
 */
export function systemSpeech(deps: SystemSpeechDeps): SpeechProvider {
  const lookup = (settings: TtsSettings): SystemVoiceLookup =>
    settings.system.enabled ? findSystemVoice(deps.platform, deps.pathValue()) : { available: false, reason: 'disabled (messages.tts.system.enabled is false)' };

  async function convert(wav: Buffer, wavPath: string, opus: boolean, programName: string, timeoutMs: number): Promise<SpeechAudio> {
    const wanted = opus ? 'opus' : 'mp3';
    const ffmpeg = findFfmpeg(deps.pathValue());
    if (!ffmpeg) return { audio: wav, ...WAV, formatNote: `WAV as ${programName} wrote it: ffmpeg is not on PATH to make ${wanted}` };
    const outPath = `${deps.scratchPath()}${opus ? OPUS.extension : MP3.extension}`;
    try {
      await runProgram({ file: ffmpeg, args: ffmpegArgs(wavPath, outPath, opus), timeoutMs, label: 'ffmpeg' });
      const encoded = await deps.readAndRemove(outPath);
      if (encoded.length === 0) throw new SpeechError('ffmpeg: empty output');
      return { audio: encoded, ...(opus ? OPUS : MP3) };
    } catch (error) {
      await deps.readAndRemove(outPath).catch(() => undefined);
      return { audio: wav, ...WAV, formatNote: `WAV as ${programName} wrote it: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  return {
    id: 'system',
    name: 'System voice (no key, offline)',
    availability(settings): ProviderAvailability {
      const found = lookup(settings);
      if (!found.available) return found;
      const ffmpeg = findFfmpeg(deps.pathValue());
      return { available: true, detail: `${found.program.name} at ${found.program.path}; ${ffmpeg ? `ffmpeg at ${ffmpeg} converts to mp3 and opus` : 'no ffmpeg on PATH, so the audio is WAV'}` };
    },
    models: () => [],
    voices: (settings) => (settings.system.voice ? [settings.system.voice] : []),
    async synthesize(settings, request) {
      const found = lookup(settings);
      if (!found.available) throw new SpeechError(`system: ${found.reason}`);
      const wavPath = `${deps.scratchPath()}.wav`;
      const voice = request.voice ?? settings.system.voice;
      if (voice !== undefined && systemVoiceName(voice) === undefined) throw new SpeechError(`system: ${JSON.stringify(voice.slice(0, 100))} is not a voice name`);
      const command = found.program.command({ outPath: wavPath, ...(voice ? { voice } : {}), ...(request.speed !== undefined ? { speed: request.speed } : {}) });
      try {
        await runProgram({ ...command, input: request.text, timeoutMs: request.timeoutMs, label: 'system' });
        const wav = await readFile(wavPath);
        if (!isWav(wav)) throw new SpeechError(`system: ${found.program.name} wrote no WAV audio`);
        return await convert(wav, wavPath, request.opus, found.program.name, request.timeoutMs);
      } catch (error) {
        throw speechFailure(error, 'system', request.timeoutMs);
      } finally {
        await rm(wavPath, { force: true });
      }
    },
  };
}
