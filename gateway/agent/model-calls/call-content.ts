import type { SharedV4ProviderMetadata } from '@ai-sdk/provider';

/** What one model call produced that the next call of a tool loop must see again. */
export type CallContentPart =
  | { type: 'text' | 'reasoning'; text: string; providerMetadata?: SharedV4ProviderMetadata }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: unknown; invalid: boolean; providerMetadata?: SharedV4ProviderMetadata };

/**
 * Collects a streamed call's text, reasoning and tool calls in stream order. Text and reasoning
 * arrive as start/delta/end parts under an id; the provider metadata can come with any of them
 * (Anthropic signs a thinking block at its end), and the last one seen is kept.
 */
export class CallContent {
  readonly parts: CallContentPart[] = [];
  /** Open text/reasoning blocks: `<type>:<id>` → index in parts. */
  private readonly open = new Map<string, number>();
  /** Deltas of the open blocks, joined when the block ends (no rope of per-token strings). */
  private readonly pending = new Map<number, string[]>();

  textPart(type: 'text' | 'reasoning', id: string, delta: string | undefined, providerMetadata: SharedV4ProviderMetadata | undefined): void {
    const key = `${type}:${id}`;
    let index = this.open.get(key);
    if (index === undefined) {
      index = this.parts.push({ type, text: '' }) - 1;
      this.open.set(key, index);
      this.pending.set(index, []);
    }
    if (delta) this.pending.get(index)?.push(delta);
    if (providerMetadata) (this.parts[index] as { providerMetadata?: SharedV4ProviderMetadata }).providerMetadata = providerMetadata;
  }

  endTextPart(type: 'text' | 'reasoning', id: string, providerMetadata: SharedV4ProviderMetadata | undefined): void {
    this.textPart(type, id, undefined, providerMetadata);
    const key = `${type}:${id}`;
    const index = this.open.get(key);
    if (index === undefined) return;
    this.settle(index);
    this.open.delete(key);
  }

  toolCall(part: Extract<CallContentPart, { type: 'tool-call' }>): void {
    this.parts.push(part);
  }

  /** The parts, with blocks the stream never ended (an abort, a broken stream) settled as they stand. */
  finish(): readonly CallContentPart[] {
    for (const index of this.open.values()) this.settle(index);
    this.open.clear();
    return this.parts;
  }

  private settle(index: number): void {
    const deltas = this.pending.get(index);
    if (!deltas) return;
    (this.parts[index] as { text: string }).text = deltas.join('');
    this.pending.delete(index);
  }
}
