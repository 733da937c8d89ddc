export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Seed 000 sends ConnectParams bare; spec §4.2 says how to recognise it. */
export function looksLikeBareConnect(value: Record<string, unknown>): boolean {
  return (
    value.type === undefined &&
    typeof value.minProtocol === 'number' &&
    typeof value.maxProtocol === 'number' &&
    isPlainObject(value.client)
  );
}
