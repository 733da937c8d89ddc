import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeStateDir, startGateway, type GatewayProcess } from './gateway-process.js';
import { connectClient, type RawClient } from './protocol-client.js';

/** No speech key from the environment of whoever runs the tests. */
export const NO_SPEECH_KEYS = { OPENAI_API_KEY: undefined, ELEVENLABS_API_KEY: undefined, XI_API_KEY: undefined, OPENAI_TTS_BASE_URL: undefined };

export interface SystemVoiceGateway {
  gateway: GatewayProcess;
  admin: RawClient;
  /** The gateway's whole PATH: espeak-ng and nothing else. */
  pathDir: string;
  stop(): Promise<void>;
}

/**
 * A gateway with no speech key whose PATH holds `espeak` (as espeak-ng) and nothing else, so the
 * system voice is the only one, and with no ffmpeg its audio stays WAV. Edge is switched off: with
 * no internet it could only fail, and an answer must not depend on it.
 */
export async function startSystemVoiceGateway(espeak: string): Promise<SystemVoiceGateway> {
  const bin = mkdtempSync(join(tmpdir(), 'gatehouse-voice-path-'));
  const pathDir = join(bin, 'bin');
  mkdirSync(pathDir);
  symlinkSync(espeak, join(pathDir, 'espeak-ng'));
  const gateway = await startGateway({
    config: JSON.stringify({ messages: { tts: { timeoutMs: 20_000, edge: { enabled: false } } } }),
    env: { ...NO_SPEECH_KEYS, PATH: pathDir },
  });
  const admin = (await connectClient(gateway.url, { token: gateway.token })).client;
  return {
    gateway,
    admin,
    pathDir,
    async stop() {
      admin.close();
      await gateway.stop();
      removeStateDir(gateway.stateDir);
      rmSync(bin, { recursive: true, force: true });
    },
  };
}
