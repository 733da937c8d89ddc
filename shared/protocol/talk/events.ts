import { TalkModeSchema } from './results.js';

/** `talk.mode {enabled, phase, ts}` (protocol.md §14), after each talk.mode call. */
export const TalkEventPayloads = {
  'talk.mode': TalkModeSchema,
} as const;
