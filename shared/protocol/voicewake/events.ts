import { VoicewakeTriggersSchema } from './results.js';

/** `voicewake.changed {triggers}` (protocol.md §14): after voicewake.set, and to each node as it connects. */
export const VoicewakeEventPayloads = {
  'voicewake.changed': VoicewakeTriggersSchema,
} as const;
