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
  private readonly parts: CallContentPart[] = [];
  /** Open text/reasoning blocks by `<type>:<id>`: where the part is, and its deltas so far (joined once, when it ends). */
  private readonly open = new Map<string, { part: { text: string; providerMetadata?: SharedV4ProviderMetadata }; deltas: string[] }>();

  textPart(type: 'text' | 'reasoning', id: string, delta: string | undefined, providerMetadata: SharedV4ProviderMetadata | undefined): void {
    const key = `${type}:${id}`;
    let block = this.open.get(key);
    if (!block) {
      const part = { type, text: '' };
      this.parts.push(part);
      block = { part, deltas: [] };
      this.open.set(key, block);
    }
    if (delta) block.deltas.push(delta);
    if (providerMetadata) block.part.providerMetadata = providerMetadata;
  }

  endTextPart(type: 'text' | 'reasoning', id: string, providerMetadata: SharedV4ProviderMetadata | undefined): void {
    this.textPart(type, id, undefined, providerMetadata);
    const key = `${type}:${id}`;
    const block = this.open.get(key);
    if (!block) return;
    block.part.text = block.deltas.join('');
    this.open.delete(key);
  }

  toolCall(part: Extract<CallContentPart, { type: 'tool-call' }>): void {
    this.parts.push(part);
  }

  /** The parts, with blocks the stream never ended (an abort, a broken stream) settled as they stand. */
  finish(): readonly CallContentPart[] {
    for (const block of this.open.values()) block.part.text = block.deltas.join('');
    this.open.clear();
    return this.parts;
  }
}
