import which from 'which';

// The operating system's own voice, one program per platform, each writing a WAV file:
// `say` on macOS, SAPI (System.Speech) through Windows PowerShell, `espeak-ng` elsewhere.
// The text always goes in on stdin, never as an argument: no length limit, no option injection.

export interface VoiceCommand {
  /** The program, as found on PATH. */
  readonly file: string;
  readonly args: readonly string[];
  /** Extra environment (the PowerShell script reads its settings from there, not from its text). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface VoiceCommandOptions {
  /** Where the WAV goes. */
  readonly outPath: string;
  readonly voice?: string;
  /** 1 = normal. */
  readonly speed?: number;
}

export interface SystemVoiceProgram {
  /** What people call it: `say`, `espeak-ng`, `SAPI (PowerShell System.Speech)`. */
  readonly name: string;
  /** Where it was found. */
  readonly path: string;
  command(options: VoiceCommandOptions): VoiceCommand;
}

export type SystemVoiceLookup = { available: true; program: SystemVoiceProgram } | { available: false; reason: string };

/** Words per minute at speed 1 (espeak-ng's and say's default), and the range both accept. */
const WPM = { normal: 175, min: 80, max: 450 };

function wordsPerMinute(speed: number): number {
  return Math.round(Math.min(WPM.max, Math.max(WPM.min, WPM.normal * speed)));
}

/** Voice names the programs take (`en-us`, `en+f3`, `Samantha`, `Microsoft Zira Desktop`); never an option. */
export function systemVoiceName(voice: string | undefined): string | undefined {
  if (voice === undefined) return undefined;
  const trimmed = voice.trim();
  return /^[\p{L}\p{N}][\p{L}\p{N} ._+()-]{0,99}$/u.test(trimmed) ? trimmed : undefined;
}

export function espeakCommand(path: string, options: VoiceCommandOptions): VoiceCommand {
  const voice = systemVoiceName(options.voice);
  return {
    file: path,
    // -b1: the input is UTF-8. The voice is joined to -v so that it can never read as an option.
    args: ['-b1', '-w', options.outPath, ...(voice ? [`-v${voice}`] : []), ...(options.speed !== undefined ? ['-s', String(wordsPerMinute(options.speed))] : []), '--stdin'],
  };
}

export function sayCommand(path: string, options: VoiceCommandOptions): VoiceCommand {
  const voice = systemVoiceName(options.voice);
  return {
    file: path,
    // `-f -` reads the text from stdin; WAVE with 16-bit little-endian PCM instead of say's AIFF.
    args: [
      '-o', options.outPath,
      '--file-format=WAVE',
      '--data-format=LEI16@22050',
      ...(voice ? [`--voice=${voice}`] : []),
      ...(options.speed !== undefined ? [`--rate=${wordsPerMinute(options.speed)}`] : []),
      '-f', '-',
    ],
  };
}

/**
 * Windows PowerShell 5.1 ships System.Speech (PowerShell 7 does not load it everywhere). The
 * script is fixed; the file, voice and rate come in as environment variables, the text on stdin.
 */
const SAPI_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  'Add-Type -AssemblyName System.Speech',
  '$reader = New-Object System.IO.StreamReader([Console]::OpenStandardInput(), [System.Text.Encoding]::UTF8)',
  '$text = $reader.ReadToEnd()',
  '$synth = New-Object System.Speech.Synthesis.SpeechSynthesizer',
  'try {',
  '  if ($env:GATEHOUSE_TTS_VOICE) { $synth.SelectVoice($env:GATEHOUSE_TTS_VOICE) }',
  '  if ($env:GATEHOUSE_TTS_RATE) { $synth.Rate = [int]$env:GATEHOUSE_TTS_RATE }',
  '  $synth.SetOutputToWaveFile($env:GATEHOUSE_TTS_OUT)',
  '  $synth.Speak($text)',
  '} finally { $synth.Dispose() }',
].join('\n');

export function sapiCommand(path: string, options: VoiceCommandOptions): VoiceCommand {
  const voice = systemVoiceName(options.voice);
  // SAPI's rate runs from -10 to 10, 0 being normal.
  const rate = options.speed !== undefined ? Math.round(Math.min(10, Math.max(-10, (options.speed - 1) * 10))) : undefined;
  return {
    file: path,
    args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(SAPI_SCRIPT, 'utf16le').toString('base64')],
    env: { GATEHOUSE_TTS_OUT: options.outPath, ...(voice ? { GATEHOUSE_TTS_VOICE: voice } : {}), ...(rate !== undefined ? { GATEHOUSE_TTS_RATE: String(rate) } : {}) },
  };
}

interface Candidate {
  readonly bin: string;
  readonly name: string;
  readonly build: (path: string, options: VoiceCommandOptions) => VoiceCommand;
}

function candidatesFor(platform: NodeJS.Platform): { candidates: Candidate[]; missing: string } {
  if (platform === 'darwin') return { candidates: [{ bin: 'say', name: 'say', build: sayCommand }], missing: 'say is not on PATH (it ships with macOS in /usr/bin)' };
  if (platform === 'win32') {
    return {
      candidates: [{ bin: 'powershell', name: 'SAPI (Windows PowerShell System.Speech)', build: sapiCommand }],
      missing: 'Windows PowerShell (powershell.exe) is not on PATH; it is needed for the SAPI voice',
    };
  }
  return {
    candidates: [
      { bin: 'espeak-ng', name: 'espeak-ng', build: espeakCommand },
      // The older espeak takes the same options.
      { bin: 'espeak', name: 'espeak', build: espeakCommand },
    ],
    missing: 'espeak-ng is not installed (Debian/Ubuntu: apt-get install espeak-ng; Fedora: dnf install espeak-ng)',
  };
}

/** Finds this platform's voice program on `pathValue` (the gateway's PATH). */
export function findSystemVoice(platform: NodeJS.Platform, pathValue: string | undefined): SystemVoiceLookup {
  const { candidates, missing } = candidatesFor(platform);
  for (const candidate of candidates) {
    const path = which.sync(candidate.bin, { nothrow: true, ...(pathValue !== undefined ? { path: pathValue } : {}) });
    if (path) return { available: true, program: { name: candidate.name, path, command: (options) => candidate.build(path, options) } };
  }
  return { available: false, reason: missing };
}

/** ffmpeg turns the WAV into mp3 or an Ogg/Opus voice note; without it the WAV is what there is. */
export function findFfmpeg(pathValue: string | undefined): string | undefined {
  return which.sync('ffmpeg', { nothrow: true, ...(pathValue !== undefined ? { path: pathValue } : {}) }) ?? undefined;
}
