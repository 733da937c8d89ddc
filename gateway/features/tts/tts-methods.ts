import { invalidRequest } from '../../../shared/protocol/error-codes.js';
import { TalkSpeakParams } from '../../../shared/protocol/talk/params.js';
import {
  TtsConvertParams,
  TtsDisableParams,
  TtsEnableParams,
  TtsProvidersParams,
  TtsSetProviderParams,
  TtsSpeakParams,
  TtsStatusParams,
} from '../../../shared/protocol/tts/params.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import { normalizeProvider } from './tts-settings.js';
import type { TtsService } from './tts-service.js';

// The tts family (methods.json, openclaw-families.md §5) and talk.speak, which speaks through
// the same providers.

export function ttsMethods(tts: TtsService): MethodDefinition[] {
  return [
    defineMethod({ name: 'tts.status', params: TtsStatusParams, handler: () => tts.status() }),
    defineMethod({ name: 'tts.providers', params: TtsProvidersParams, handler: () => tts.providers() }),
    defineMethod({
      name: 'tts.enable',
      params: TtsEnableParams,
      controlPlaneWrite: true,
      handler: () => tts.setEnabled(true),
    }),
    defineMethod({
      name: 'tts.disable',
      params: TtsDisableParams,
      controlPlaneWrite: true,
      handler: () => tts.setEnabled(false),
    }),
    defineMethod({
      name: 'tts.setProvider',
      params: TtsSetProviderParams,
      controlPlaneWrite: true,
      handler: ({ params }) => tts.setProvider(normalizeProvider(params.provider) ?? 'edge'),
    }),
    defineMethod({
      name: 'tts.convert',
      params: TtsConvertParams,
      handler: ({ params }) => {
        const provider = normalizeProvider(params.provider);
        return tts.convert({
          text: params.text,
          ...(params.channel ? { channel: params.channel } : {}),
          ...(provider ? { provider } : {}),
          ...(params.voiceId ? { voice: params.voiceId } : {}),
          ...(params.modelId ? { model: params.modelId } : {}),
        });
      },
    }),
    defineMethod({
      name: 'tts.speak',
      params: TtsSpeakParams,
      handler: async ({ params }) => {
        const { provider, audio } = await tts.synthesize({ text: params.text });
        return { audioBase64: audio.audio.toString('base64'), provider, outputFormat: audio.outputFormat, mimeType: audio.mimeType, fileExtension: audio.extension };
      },
    }),
    defineMethod({
      name: 'talk.speak',
      params: TalkSpeakParams,
      handler: async ({ params }) => {
        const format = params.outputFormat?.toLowerCase();
        if (format !== undefined && !['mp3', 'opus'].some((prefix) => format.startsWith(prefix))) {
          throw invalidRequest(`talk.speak: outputFormat "${params.outputFormat}" is not supported (mp3 or opus)`);
        }
        const { provider, audio } = await tts.synthesize({
          text: params.text,
          opus: format?.startsWith('opus') === true,
          ...(params.voiceId ? { voice: params.voiceId } : {}),
          ...(params.modelId ? { model: params.modelId } : {}),
          ...(params.speed !== undefined ? { speed: params.speed } : {}),
        });
        return {
          audioBase64: audio.audio.toString('base64'),
          provider,
          outputFormat: audio.outputFormat,
          voiceCompatible: audio.mimeType === 'audio/ogg',
          mimeType: audio.mimeType,
          fileExtension: audio.extension,
        };
      },
    }),
  ];
}
