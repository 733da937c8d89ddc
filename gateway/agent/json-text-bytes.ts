/**
 * A reply's text as the UTF-8 bytes of its JSON string literal — the opening quote and the escaped
 * text, not the closing quote — kept up to date as the text grows. Every streamed token's `agent`
 * and `chat` frames carry the whole reply so far (spec §15.2, §15.4); serialising it anew for each
 * token made a copy of the reply on the JavaScript heap per token, the largest part of what drove
 * the young-generation collections behind the 50-stream latency tail. Here each token escapes only
 * what it added, into a buffer outside the heap, and the frames take a view of it
 * (BroadcastFrame's parts, text-frame-writer.ts).
 *
 * A view handed out is never written to again: new text goes after it, and a buffer that is full
 * is replaced by a larger copy, so frames still waiting in a socket keep what they were given.
 */
export class JsonTextBytes {
  private bytes: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private used = 0;
  /** How much of the text (UTF-16 code units) the bytes hold. */
  private chars = 0;

  constructor() {
    this.clear();
  }

  /**
   * Brings the bytes up to `text`, which must extend the text given last (append only). `added`,
   * when given, may be what was appended to it since: used when its length says so, it spares
   * slicing `text`, which V8 would first copy whole (a string built by appending is a rope). A
   * surrogate pair split between two calls is escaped as two `\u` escapes, which a JSON reader
   * joins back into the same character.
   */
  extendTo(text: string, added?: string): void {
    if (text.length === this.chars) return;
    // Shorter than before cannot be an extension: start again rather than send a wrong text.
    if (text.length < this.chars) return this.resetTo(text);
    const escaped = JSON.stringify(added !== undefined && this.chars + added.length === text.length ? added : text.slice(this.chars));
    const content = escaped.slice(1, -1);
    this.reserve(Buffer.byteLength(content));
    this.used += this.bytes.write(content, this.used);
    this.chars = text.length;
  }

  /** Starts again from `text` (a rewritten reply), in a new buffer. */
  resetTo(text: string): void {
    this.bytes = Buffer.allocUnsafe(INITIAL_BYTES);
    this.clear();
    this.extendTo(text);
  }

  /** The literal so far, without its closing quote. */
  view(): Buffer {
    return this.bytes.subarray(0, this.used);
  }

  private clear(): void {
    this.bytes[0] = QUOTE;
    this.used = 1;
    this.chars = 0;
  }

  private reserve(more: number): void {
    if (this.used + more <= this.bytes.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + more));
    this.bytes.copy(larger, 0, 0, this.used);
    this.bytes = larger;
  }
}

const INITIAL_BYTES = 1024;
const QUOTE = 0x22;
