import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import which from 'which';
import { afterAll, describe, expect, it } from 'vitest';
import { AudioFiles } from '../../../gateway/features/tts/audio-files.js';
import { runProgram } from '../../../gateway/features/tts/run-program.js';
import { systemSpeech } from '../../../gateway/features/tts/system-speech.js';
import { espeakCommand, findSystemVoice, sapiCommand, sayCommand, systemVoiceName } from '../../../gateway/features/tts/system-voice-programs.js';
import { readTtsSettings } from '../../../gateway/features/tts/tts-settings.js';
import { readWav } from '../../fixtures/wav-audio/index.js';

// The operating system's voice: the command each platform runs (the text never on the command
// line), finding the program on PATH, and — where espeak-ng is installed (the CI machine) — a
// real synthesis read back as WAV.

const espeak = which.sync('espeak-ng', { nothrow: true });
if (!espeak) console.warn('system-voice.test.ts: espeak-ng is not installed here, so the real synthesis tests are skipped (apt-get install espeak-ng)');

describe('system voice commands', () => {
  it('espeak-ng reads the text from stdin and takes the voice joined to -v, so it cannot become an option', () => {
    expect(espeakCommand('/usr/bin/espeak-ng', { outPath: '/tmp/a.wav', voice: 'en-us', speed: 2 })).toEqual({
      file: '/usr/bin/espeak-ng',
      args: ['-b1', '-w', '/tmp/a.wav', '-ven-us', '-s', '350', '--stdin'],
    });
    expect(espeakCommand('espeak-ng', { outPath: '/tmp/a.wav', voice: '-w /etc/passwd' }).args).toEqual(['-b1', '-w', '/tmp/a.wav', '--stdin']);
  });

  it('say writes 16-bit WAVE instead of AIFF and reads the text from stdin', () => {
    expect(sayCommand('/usr/bin/say', { outPath: '/tmp/a.wav', voice: 'Samantha', speed: 0.1 }).args).toEqual([
      '-o', '/tmp/a.wav', '--file-format=WAVE', '--data-format=LEI16@22050', '--voice=Samantha', '--rate=80', '-f', '-',
    ]);
  });

  it('SAPI runs a fixed PowerShell script and gets the file, voice and rate through the environment', () => {
    const command = sapiCommand('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', { outPath: 'C:\\state\\a.wav', voice: 'Microsoft Zira Desktop', speed: 1.5 });
    expect(command.env).toEqual({ GATEHOUSE_TTS_OUT: 'C:\\state\\a.wav', GATEHOUSE_TTS_VOICE: 'Microsoft Zira Desktop', GATEHOUSE_TTS_RATE: '5' });
    const script = Buffer.from(command.args.at(-1) ?? '', 'base64').toString('utf16le');
    expect(script).toContain('System.Speech.Synthesis.SpeechSynthesizer');
    expect(script).toContain('SetOutputToWaveFile($env:GATEHOUSE_TTS_OUT)');
    expect(command.args.slice(0, -1)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
  });

  it('keeps only plain voice names', () => {
    expect(systemVoiceName('en+f3')).toBe('en+f3');
    expect(systemVoiceName(' Samantha ')).toBe('Samantha');
    for (const bad of ['-v', '../x', 'a\nb', 'a;b', '']) expect(systemVoiceName(bad), bad).toBeUndefined();
  });

  it('says what to install when the program is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'gatehouse-no-voice-'));
    try {
      expect(findSystemVoice('linux', empty)).toEqual({ available: false, reason: expect.stringContaining('apt-get install espeak-ng') });
      expect(findSystemVoice('darwin', empty)).toEqual({ available: false, reason: expect.stringContaining('say is not on PATH') });
      expect(findSystemVoice('win32', empty)).toEqual({ available: false, reason: expect.stringContaining('powershell.exe') });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('running a voice program', () => {
  it('kills a program that does not finish in time and says so', async () => {
    await expect(runProgram({ file: 'sleep', args: ['30'], timeoutMs: 200, label: 'system' })).rejects.toThrow('system: no answer within 200 ms');
  });

  it('says which program could not be started', async () => {
    await expect(runProgram({ file: '/nonexistent/espeak-ng', args: [], timeoutMs: 5_000, label: 'system' })).rejects.toThrow('system: could not start /nonexistent/espeak-ng: ENOENT');
  });
});

describe.skipIf(!espeak)('espeak-ng, for real', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A PATH with espeak-ng and nothing else (no ffmpeg), and the provider on it. */
  function onlyEspeak() {
    const root = mkdtempSync(join(tmpdir(), 'gatehouse-espeak-'));
    dirs.push(root);
    const bin = join(root, 'bin');
    mkdirSync(bin);
    symlinkSync(espeak as string, join(bin, 'espeak-ng'));
    const files = new AudioFiles(join(root, 'tts'), Date.now);
    const provider = systemSpeech({ platform: 'linux', pathValue: () => bin, scratchPath: () => files.scratchPath(), readAndRemove: (path) => files.readAndRemove(path) });
    return { provider, files, bin };
  }

  it('speaks text with quotes, options and non-ASCII into a real WAV, and says it stayed WAV without ffmpeg', async () => {
    const { provider, files } = onlyEspeak();
    const settings = readTtsSettings({}, {});
    expect(provider.availability(settings)).toEqual({ available: true, detail: expect.stringMatching(/^espeak-ng at .*; no ffmpeg on PATH, so the audio is WAV$/) });
    const audio = await provider.synthesize(settings, { text: '--version "quoted"; $(rm -rf /) héllo wörld', opus: true, timeoutMs: 20_000 });
    expect(audio).toMatchObject({ outputFormat: 'wav', extension: '.wav', mimeType: 'audio/wav', formatNote: 'WAV as espeak-ng wrote it: ffmpeg is not on PATH to make opus' });
    const wav = readWav(audio.audio);
    expect(wav).toMatchObject({ sampleRate: 22050, channels: 1, bitsPerSample: 16 });
    expect(wav.durationSeconds).toBeGreaterThan(0.5);
    expect(wav.peak).toBeGreaterThan(0.05);
    // The scratch WAV is gone: only tts.convert's saved files stay in the audio folder.
    expect(readdirSync(files.dir)).toEqual([]);
  });

  it('an unknown voice fails with espeak-ng\'s own words', async () => {
    const { provider } = onlyEspeak();
    await expect(provider.synthesize(readTtsSettings({ messages: { tts: { system: { voice: 'zz-nonexistent' } } } }, {}), { text: 'hello', opus: false, timeoutMs: 20_000 })).rejects.toThrow(
      /^system: .*espeak-ng exited with code 1: Error: The specified espeak-ng voice does not exist\.$/,
    );
  });
});
