import type { RunStreamEvent } from '../../agent/active-run.js';

const TYPING_INTERVAL_MS = 4_000;
/**
 * "typing…" starts only if the reply is not there by then: a quick answer needs none, and each
 * indicator is a request (Discord allows a bot 50 a second in all; at load the bench saw typing
 * requests queue ahead of the replies themselves).
 */
const TYPING_DELAY_MS = 1_000;

export interface ReplySink {
  readonly limit: number;
  chunk(text: string, limit: number): string[];
  send(text: string): Promise<void>;
  typing?(): Promise<void>;
}

/**
 * Streams one agent reply into a chat the way OpenClaw's block dispatcher does (research note §3):
 * as the text grows past one message, the finished chunks are sent (split on paragraph and
 * code-fence boundaries); the rest goes when the run ends. "typing…" is refreshed while it runs.
 * Sends are serialised, so chunks arrive in order.
 */
export class ReplyStream {
  private pending = '';
  private sentAny = false;
  private queue: Promise<void> = Promise.resolve();
  private typingTimer: NodeJS.Timeout | undefined;
  private typingDelay: NodeJS.Timeout | undefined;
  private finished = false;
  private failure: unknown;

  constructor(private readonly sink: ReplySink) {}

  /** Shows "typing…" from a second on and every few seconds until finish (once the turn is under way). */
  startTyping(): void {
    const sink = this.sink;
    if (!sink.typing || this.typingDelay || this.finished) return;
    const typing = () => void sink.typing?.().catch(() => undefined);
    this.typingDelay = setTimeout(() => {
      if (this.finished) return;
      typing();
      this.typingTimer = setInterval(typing, TYPING_INTERVAL_MS);
      this.typingTimer.unref();
    }, TYPING_DELAY_MS);
    this.typingDelay.unref();
  }

  readonly observe = (event: RunStreamEvent): void => {
    // The model's last step is over: its text is the whole reply, sent now rather than after the
    // run's end is written (finish then sends only a failure note, if any).
    if (event.kind === 'reply-end') {
      const rest = this.pending;
      this.pending = '';
      for (const chunk of this.sink.chunk(rest, this.sink.limit)) this.enqueue(chunk);
      return;
    }
    this.pending += event.delta;
    if (this.pending.length <= this.sink.limit) return;
    const chunks = this.sink.chunk(this.pending, this.sink.limit);
    this.pending = chunks.pop() ?? '';
    for (const chunk of chunks) this.enqueue(chunk);
  };

  /** Sends what is left; `finalText` is used when nothing streamed (a run finished before we followed it). */
  async finish(finalText: string, note?: string): Promise<void> {
    this.finished = true;
    clearTimeout(this.typingDelay);
    clearInterval(this.typingTimer);
    const rest = this.sentAny || this.pending.length > 0 ? this.pending : finalText;
    this.pending = '';
    for (const chunk of this.sink.chunk(rest, this.sink.limit)) this.enqueue(chunk);
    if (note) this.enqueue(note);
    await this.queue;
    if (this.failure !== undefined) throw this.failure;
  }

  private enqueue(text: string): void {
    if (text.trim().length === 0) return;
    this.sentAny = true;
    this.queue = this.queue.then(async () => {
      if (this.failure !== undefined) return;
      try {
        await this.sink.send(text);
      } catch (error) {
        this.failure = error;
      }
    });
  }
}
