import { join } from 'node:path';
import { defineFeature, type FeatureContext } from '../../composition/feature-context.js';
import { AudioFiles } from './audio-files.js';
import { elevenLabsSpeech, openaiSpeech } from './cloud-speech.js';
import { edgeSpeech, nodeEdgeTts, type EdgeSynthesizer } from './edge-speech.js';
import { systemSpeech } from './system-speech.js';
import { replySpeechOf } from './reply-speech.js';
import { ttsMethods } from './tts-methods.js';
import { TtsPrefsFile } from './tts-prefs.js';
import { TtsService } from './tts-service.js';
import { readTtsSettings } from './tts-settings.js';

/** Builds the service from the context; a test may hand in its own Edge client. */
export function createTtsService(context: Pick<FeatureContext, 'config' | 'clock'>, edge: EdgeSynthesizer = nodeEdgeTts): TtsService {
  const files = new AudioFiles(join(context.config.stateDir, 'tts'), () => context.clock.now());
  return new TtsService({
    settings: () => {
      const loaded = context.config.current();
      // The validated config: secret inputs (env and file SecretRefs, "$NAME") are resolved.
      return readTtsSettings(loaded.config, loaded.env);
    },
    prefs: new TtsPrefsFile(context.config.stateDir),
    files,
    providers: [
      openaiSpeech,
      elevenLabsSpeech,
      systemSpeech({ platform: process.platform, pathValue: () => process.env.PATH, scratchPath: () => files.scratchPath(), readAndRemove: (path) => files.readAndRemove(path) }),
      edgeSpeech(edge, () => files.scratchPath(), (path) => files.readAndRemove(path)),
    ],
  });
}

/**
 * Text to speech (openclaw-families.md §5): `tts.*`, and `talk.speak`, which speaks through the
 * same providers (OpenAI and ElevenLabs through the AI SDK, the operating system's voice, the
 * keyless Edge voice through node-edge-tts).
 */
export const ttsFeature = defineFeature({
  name: 'tts',
  create: (context: Pick<FeatureContext, 'config' | 'clock' | 'logger' | 'replySpeech'>) => {
    const tts = createTtsService(context);
    context.replySpeech.provide(replySpeechOf(tts, context.logger));
    return {
      methods: () => ttsMethods(tts),
    };
  },
});
