import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configGetPayload, configSchemaPayload, setConfig, type LoadedConfig } from '../../../gateway/core/config/index.js';
import { readTalkSettings } from '../../../gateway/features/talk/talk-settings.js';
import { readTtsSettings } from '../../../gateway/features/tts/tts-settings.js';
import { createConfigSandbox, loadText, type ConfigSandbox } from './support/config-sandbox.js';

// `messages.tts`, `talk` and `browser` (openclaw-families.md §5, §8): validated like the other
// sections, secrets resolved and redacted, OpenClaw keys Gatehouse does not read tolerated.

const sandboxes: ConfigSandbox[] = [];
async function load(text: string, env: NodeJS.ProcessEnv = {}): Promise<LoadedConfig> {
  const loaded = await loadText(text, env);
  sandboxes.push(loaded.sandbox);
  return loaded;
}
async function sandboxWith(text: string, env: NodeJS.ProcessEnv = {}): Promise<ConfigSandbox> {
  const sandbox = await createConfigSandbox(env);
  sandboxes.push(sandbox);
  await sandbox.write(text);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.remove()));
});

const VOICE_FILE = `{
  gateway: { mode: "local" },
  messages: {
    tts: {
      auto: "inbound", provider: "elevenlabs", maxTextLength: 2000, timeoutMs: 20000,
      openai: { apiKey: "sk-tts-openai", model: "tts-1", voice: "nova", baseUrl: "http://127.0.0.1:4010/v1" },
      elevenlabs: { apiKey: "xi-tts-secret", voiceId: "v-1", modelId: "eleven_turbo_v2_5" },
      edge: { enabled: false, voice: "en-GB-SoniaNeural", lang: "en-GB" },
    },
  },
  talk: { voiceId: "talk-voice", voiceAliases: { calm: "v-2" }, modelId: "eleven_v3", outputFormat: "mp3_44100_128", apiKey: "talk-secret", interruptOnSpeech: true },
  browser: { enabled: false },
}`;

describe('messages.tts, talk and browser (config.md §1.2, openclaw-families.md §5, §8)', () => {
  it('a full voice and browser setup loads without warnings, typed in the effective config', async () => {
    const loaded = await load(VOICE_FILE);
    expect(loaded.issues).toEqual([]);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.config.messages?.tts).toMatchObject({
      auto: 'inbound',
      provider: 'elevenlabs',
      timeoutMs: 20000,
      openai: { apiKey: 'sk-tts-openai', baseUrl: 'http://127.0.0.1:4010/v1' },
      elevenlabs: { apiKey: 'xi-tts-secret' },
      edge: { enabled: false },
    });
    expect(loaded.config.talk).toMatchObject({ voiceId: 'talk-voice', voiceAliases: { calm: 'v-2' }, apiKey: 'talk-secret' });
    expect(loaded.config.browser).toEqual({ enabled: false });
  });

  it('wrong values are issues with the path, the expected type or the allowed values', async () => {
    const loaded = await load(`{ gateway: { mode: "local" },
      messages: { tts: { auto: "sometimes", timeoutMs: 500, openai: { apiKey: 42, voce: "nova" } } },
      talk: { interruptOnSpeech: "yes", voiceAliases: { calm: 2 } },
      browser: { enabled: "no" } }`);
    expect(loaded.valid).toBe(false);
    expect(loaded.issues).toEqual([
      { path: 'messages.tts.auto', message: 'must be one of "off", "always", "inbound", "tagged"', allowedValues: ['off', 'always', 'inbound', 'tagged'] },
      { path: 'messages.tts.timeoutMs', message: 'must be an integer from 1000 to 120000' },
      { path: 'messages.tts.openai.apiKey', message: 'must be a string or a SecretRef object {source, provider, id}' },
      { path: 'messages.tts.openai.voce', message: 'unknown config key (neither a Gatehouse nor an OpenClaw setting); did you mean "voice"?' },
      { path: 'talk.interruptOnSpeech', message: 'must be true or false' },
      { path: 'talk.voiceAliases.calm', message: 'must be a string' },
      { path: 'browser.enabled', message: 'must be true or false' },
    ]);
  });

  it('"microsoft" is the Edge provider; a provider Gatehouse lacks (an OpenClaw plugin\'s) loads with a warning', async () => {
    const edge = await load('{ gateway: { mode: "local" }, messages: { tts: { provider: "microsoft", microsoft: { voice: "x" } } } }');
    expect(edge).toMatchObject({ valid: true, warnings: [] });
    const plugin = await load('{ gateway: { mode: "local" }, messages: { tts: { provider: "typecast" } } }');
    expect(plugin.valid).toBe(true);
    expect(plugin.warnings).toEqual([
      'messages.tts.provider: "typecast" is not implemented by Gatehouse; speech uses the first that can speak of openai, elevenlabs (with a key), system (when installed), edge',
    ]);
    expect((await load('{ gateway: { mode: "local" }, messages: { tts: { provider: "" } } }')).issues.map((issue) => issue.path)).toEqual(['messages.tts.provider']);
  });

  it('OpenClaw keys Gatehouse does not read in these sections are ignored with one warning each', async () => {
    const loaded = await load(`{ gateway: { mode: "local" },
      messages: { queue: { mode: "steer" }, ackReaction: "👀", tts: { mode: "final", prefsPath: "~/tts.json", elevenlabs: { voiceSettings: { stability: 0.5 } } } },
      talk: { realtime: {}, silenceTimeoutMs: 900 },
      browser: { enabled: true, profiles: { work: { cdpPort: 18801, color: "#0066CC" } }, headless: true } }`);
    expect(loaded.valid).toBe(true);
    expect(loaded.warnings).toEqual([
      'ignored (not supported by Gatehouse): messages.queue',
      'ignored (not supported by Gatehouse): messages.ackReaction',
      'ignored (not supported by Gatehouse): messages.tts.mode',
      'ignored (not supported by Gatehouse): messages.tts.prefsPath',
      'ignored (not supported by Gatehouse): messages.tts.elevenlabs.voiceSettings',
      'ignored (not supported by Gatehouse): talk.realtime',
      'ignored (not supported by Gatehouse): talk.silenceTimeoutMs',
      'ignored (not supported by Gatehouse): browser.profiles',
      'ignored (not supported by Gatehouse): browser.headless',
    ]);
    expect(loaded.config.messages).not.toHaveProperty('queue');
    expect(loaded.config.browser).toEqual({ enabled: true });
  });

  it('the apiKeys take "${NAME}", "$NAME" and SecretRefs (env and file); an unset one is unavailable', async () => {
    const sandbox = await sandboxWith('{}', { XI_FROM_ENV: 'xi-env', TALK_FROM_ENV: 'talk-env' });
    await writeFile(path.join(sandbox.stateDir, 'keys.json'), JSON.stringify({ tts: { openai: 'sk-from-file' } }));
    await sandbox.write(`{ gateway: { mode: "local" },
      secrets: { providers: { keys: { source: "file", path: "~/keys.json" } } },
      messages: { tts: {
        openai: { apiKey: { source: "file", provider: "keys", id: "/tts/openai" } },
        elevenlabs: { apiKey: "$XI_FROM_ENV" } } },
      talk: { apiKey: { source: "env", provider: "default", id: "TALK_FROM_ENV" } } }`);
    const resolved = await sandbox.load();
    expect(resolved.warnings).toEqual([]);
    expect(resolved.config.messages?.tts?.openai?.apiKey).toBe('sk-from-file');
    expect(resolved.config.messages?.tts?.elevenlabs?.apiKey).toBe('xi-env');
    expect(resolved.config.talk?.apiKey).toBe('talk-env');

    await sandbox.write('{ gateway: { mode: "local" }, talk: { apiKey: "${TALK_NOT_SET}" } }');
    const missing = await sandbox.load();
    expect(missing.valid).toBe(true);
    expect(missing.config.talk?.apiKey).toEqual({ source: 'env', provider: 'default', id: 'TALK_NOT_SET' });
  });

  it('the TTS and talk readers take the resolved keys from the loaded config', async () => {
    const sandbox = await sandboxWith('{}', { XI_FROM_ENV: 'xi-env' });
    await writeFile(path.join(sandbox.stateDir, 'talk.key'), 'talk-from-file\n');
    await sandbox.write(`{ gateway: { mode: "local" },
      secrets: { providers: { talkkey: { source: "file", path: "~/talk.key", mode: "singleValue" } } },
      messages: { tts: { elevenlabs: { apiKey: "$XI_FROM_ENV" }, openai: { apiKey: "\${NOT_SET}" } } },
      talk: { voiceId: "v-1", apiKey: { source: "file", provider: "talkkey", id: "value" } } }`);
    const loaded = await sandbox.load();

    const tts = readTtsSettings(loaded.config, loaded.env);
    expect(tts.elevenlabs.apiKey).toBe('xi-env');
    expect(tts.openai.apiKey).toBeUndefined();
    expect(readTalkSettings(loaded.config.talk)).toEqual({ voiceId: 'v-1', apiKey: 'talk-from-file' });
  });

  it('a SecretRef with a malformed env id is an issue at that apiKey', async () => {
    const loaded = await load('{ gateway: { mode: "local" }, messages: { tts: { openai: { apiKey: { source: "env", id: "lower-case" } } } } }');
    expect(loaded.valid).toBe(false);
    expect(loaded.issues.map((issue) => issue.path)).toEqual(['messages.tts.openai.apiKey.id']);
  });

  it('config.get hides the keys, and the redacted text written back keeps them (config.set)', async () => {
    const sandbox = await sandboxWith(VOICE_FILE);
    const view = configGetPayload(await sandbox.load());
    for (const secret of ['sk-tts-openai', 'xi-tts-secret', 'talk-secret']) expect(JSON.stringify(view)).not.toContain(secret);
    expect(view.parsed).toMatchObject({
      messages: { tts: { openai: { apiKey: '__OPENCLAW_REDACTED__', voice: 'nova' }, elevenlabs: { apiKey: '__OPENCLAW_REDACTED__' } } },
      talk: { apiKey: '__OPENCLAW_REDACTED__', voiceId: 'talk-voice' },
    });

    const edited = String(view.raw).replace('voice: "nova"', 'voice: "alloy"');
    const loaded = await sandbox.load();
    const { loaded: after, changedPaths } = await setConfig({ loaded, raw: edited, baseHash: String(view.hash), stateDir: sandbox.stateDir, env: sandbox.env });

    expect(changedPaths).toEqual(['messages.tts.openai.voice']);
    expect(await sandbox.read()).toBe(VOICE_FILE.replace('voice: "nova"', 'voice: "alloy"'));
    expect(after.config.messages?.tts?.openai?.apiKey).toBe('sk-tts-openai');
    expect(after.config.talk?.apiKey).toBe('talk-secret');
  });

  it('config.schema describes the sections for a form, the keys flagged sensitive', () => {
    const { uiHints, schema } = configSchemaPayload();
    expect(uiHints['messages.tts.auto']).toMatchObject({ label: 'Auto', help: expect.stringContaining('default off') as string });
    expect(uiHints['messages.tts.openai.apiKey']).toMatchObject({ label: 'Api key', sensitive: true });
    expect(uiHints['messages.tts.elevenlabs.apiKey']).toMatchObject({ sensitive: true });
    expect(uiHints['talk.apiKey']).toMatchObject({ sensitive: true });
    expect(uiHints['talk.interruptOnSpeech']).toMatchObject({ label: 'Interrupt on speech' });
    expect(uiHints['browser.enabled']).toMatchObject({ label: 'Enabled', help: expect.stringContaining('default true') as string });
    expect(JSON.stringify(schema)).toContain('"messages"');
  });
});
