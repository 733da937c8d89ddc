import type { Logger } from 'pino';
import type { TtsAutoMode } from './tts-settings.js';
import type { TtsService } from './tts-service.js';

// `messages.tts.auto` applied to chat replies (openclaw-families.md §5): after the text, a
// channel reply is also sent as audio when the mode says so.
//   off      never
//   always   every reply
//   inbound  when the person's own message was a voice note or audio
//   tagged   when the reply carries a [[tts]] directive (the model asks for it)
// `[[tts:text]]…[[/tts:text]]` holds words to speak that are not shown; every [[tts…]] directive
// is removed from the text people read.

/** Any `[[tts]]`, `[[tts:…]]` or `[[/tts:…]]` directive. */
const DIRECTIVE = /\[\[\s*\/?\s*tts\b[^\]]*\]\]/gi;
/** Words to speak only. */
const SPOKEN_BLOCK = /\[\[\s*tts:text\s*\]\]([\s\S]*?)\[\[\s*\/\s*tts:text\s*\]\]/gi;

/** The reply as people read it: spoken-only blocks and directives removed. */
export function visibleReplyText(text: string): string {
  if (!text.includes('[[')) return text;
  return text.replace(SPOKEN_BLOCK, '').replace(DIRECTIVE, '').replace(/[ \t]+\n/g, '\n').trim();
}

/** Whether the mode asks for this reply to be spoken. */
export function replyWantsSpeech(mode: TtsAutoMode, reply: { text: string; inboundVoice: boolean }): boolean {
  switch (mode) {
    case 'always':
      return reply.text.trim() !== '';
    case 'inbound':
      return reply.inboundVoice && reply.text.trim() !== '';
    case 'tagged':
      return new RegExp(DIRECTIVE.source, 'i').test(reply.text);
    case 'off':
      return false;
  }
}

/**
 * What is said: the spoken-only blocks when there are any, else the visible text without the
 * Markdown a voice would read out (code blocks, emphasis marks, link targets), cut at a sentence
 * end to fit `maxLength`.
 */
export function spokenReplyText(text: string, maxLength: number): string {
  const blocks = [...text.matchAll(SPOKEN_BLOCK)].map((match) => (match[1] ?? '').trim()).filter(Boolean);
  const source = blocks.length > 0 ? blocks.join('\n') : visibleReplyText(text);
  const plain = source
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|\*|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= maxLength) return plain;
  const cut = plain.slice(0, maxLength);
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  return sentenceEnd > maxLength / 2 ? cut.slice(0, sentenceEnd + 1) : cut;
}

/** A reply's audio, saved in `<state dir>/tts/` (pruned with the other audio). */
export interface SpokenReply {
  readonly path: string;
  readonly mimeType: string;
  /** Ogg/Opus: Telegram shows it as a voice note. */
  readonly voiceCompatible: boolean;
  readonly provider: string;
}

/**
 * The reply speaker the channels get (through the context's replySpeech port): decides by the
 * auto mode and tts.enable/disable, synthesizes for the channel (opus for Telegram), and never
 * throws — a failed synthesis is logged and the text reply stands on its own.
 */
export function replySpeechOf(tts: TtsService, logger: Pick<Logger, 'warn'>) {
  return {
    visibleText: visibleReplyText,
    async speak(request: { readonly channel: string; readonly text: string; readonly inboundVoice: boolean }): Promise<SpokenReply | undefined> {
      const mode = tts.autoMode();
      if (!replyWantsSpeech(mode, request)) return undefined;
      const text = spokenReplyText(request.text, tts.maxTextLength());
      if (text === '') return undefined;
      try {
        const result = await tts.convert({ text, channel: request.channel });
        return { path: result.audioPath, mimeType: result.mimeType ?? 'application/octet-stream', voiceCompatible: result.voiceCompatible, provider: result.provider };
      } catch (error) {
        logger.warn({ channel: request.channel, mode, error: error instanceof Error ? error.message : String(error) }, 'the reply was not spoken: text to speech failed');
        return undefined;
      }
    },
  };
}
