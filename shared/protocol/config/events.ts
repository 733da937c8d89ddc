import Type, { type Static } from 'typebox';

// Payloads of the config family's events (protocol.md §14, config.md §1.8). Open objects, like
// the results.

/**
 * `config.changed` (protocol.md §14, config.md §1.8): a config change was applied, by a
 * `config.*` write or an edit of the file. `hash` is the new file's token (`config.get`'s `hash`),
 * null when the file is gone; `changedPaths` are dot paths without values.
 */
export const ConfigChangedEventSchema = Type.Object({
  path: Type.String({ minLength: 1 }),
  hash: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
  changedPaths: Type.Array(Type.String()),
});
export type ConfigChangedEvent = Static<typeof ConfigChangedEventSchema>;

/** Payload schema of each event of this family, by event name. */
export const ConfigEventPayloads = {
  'config.changed': ConfigChangedEventSchema,
} as const;
