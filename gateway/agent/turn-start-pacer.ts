/**
 * Lets turns start one per event-loop iteration. Starting a turn costs about a millisecond of CPU
 * (transcript and session writes, prompt building, the AI SDK's stream setup); fifty `chat.send`
 * requests read from one socket would otherwise start fifty turns in one go, and every token of
 * the runs already streaming would wait behind all of them. Admitting one start per `setImmediate`
 * puts an I/O poll between two starts, so a streaming token waits for one start at most.
 */
export class TurnStartPacer {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  /** Resolves in a later event-loop iteration, in call order, one caller per iteration. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()?.();
      this.schedule();
    });
  }
}
