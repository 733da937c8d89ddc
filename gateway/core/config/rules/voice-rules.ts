import { IMPLEMENTED_TTS_PROVIDERS } from '../schema/messages.js';
import type { ConfigRule } from './rule-report.js';

/** `messages.tts.provider` names a provider Gatehouse does not have (e.g. an OpenClaw plugin's). */
export const checkTtsProvider: ConfigRule = (config, report) => {
  const provider = config.messages?.tts?.provider;
  if (provider !== undefined && !IMPLEMENTED_TTS_PROVIDERS.has(provider)) {
    report.warn(`messages.tts.provider: "${provider}" is not implemented by Gatehouse; speech uses the first that can speak of openai, elevenlabs (with a key), system (when installed), edge`);
  }
};
