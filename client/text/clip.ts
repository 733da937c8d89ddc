/**
 * Text cut for a view (the gateway keeps it whole): at most `max` characters, the last one an
 * ellipsis when cut. A view never grows without bound because an agent or a peer wrote a lot.
 */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
