import { REDACTED_SENTINEL, type GatehouseConfig } from '../../core/config/index.js';
import { resolvedSecretText } from '../../core/config/secret-refs.js';

/** Root `talk` (openclaw-families.md §5): what a talk client (speech in, ElevenLabs out) reads. */
export interface TalkSettings {
  voiceId?: string;
  voiceAliases?: Record<string, string>;
  modelId?: string;
  outputFormat?: string;
  apiKey?: string;
  interruptOnSpeech?: boolean;
}

/** A usable value: not blank, not a `${VAR}` whose variable was not set. */
function text(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' && !value.includes('${') ? value.trim() : undefined;
}

/**
 * Reads the validated `talk` section of the loaded config (secrets already resolved; one that
 * could not be resolved is left as a SecretRef and counts as missing).
 */
export function readTalkSettings(talk: GatehouseConfig['talk']): TalkSettings {
  const settings: TalkSettings = {};
  if (!talk) return settings;
  const voiceId = text(talk.voiceId);
  if (voiceId) settings.voiceId = voiceId;
  const modelId = text(talk.modelId);
  if (modelId) settings.modelId = modelId;
  const outputFormat = text(talk.outputFormat);
  if (outputFormat) settings.outputFormat = outputFormat;
  const apiKey = resolvedSecretText(talk.apiKey);
  if (apiKey) settings.apiKey = apiKey;
  if (talk.interruptOnSpeech !== undefined) settings.interruptOnSpeech = talk.interruptOnSpeech;
  if (talk.voiceAliases && Object.keys(talk.voiceAliases).length > 0) settings.voiceAliases = { ...talk.voiceAliases };
  return settings;
}

/** The same with the key hidden as config.get hides secrets. */
export function redactTalkSettings(settings: TalkSettings): TalkSettings {
  return settings.apiKey ? { ...settings, apiKey: REDACTED_SENTINEL } : settings;
}
