/**
 * Lets turns start one per event-loop iteration. Starting a turn costs CPU (the prompt, the AI
 * SDK's request setup); fifty `chat.send` requests read from one socket would otherwise start
 * fifty turns in one go, and every token of the runs already streaming would wait behind all of
 * them. Admitting one start per `setImmediate` puts an I/O poll between two starts, so a streaming
 * token waits for one start at most.
 *
 * Two details keep a burst of starts quick:
 * - After a start, the next admission is queued one check phase later (a "hop"). A started turn's
 *   provider request is written by undici in a `setImmediate` of its own (it checks a reused
 *   keep-alive socket first), queued while the start runs — after the pacer's next admission had
 *   it been queued directly. With the hop, each request goes out before the next start instead of
 *   after it.
 * - What a start can leave for later (the run's start rows and lifecycle event, see
 *   AgentRuntime.execute) is queued with `later` and runs only when no start is waiting, one task
 *   per iteration too: fifty requests go out first, their bookkeeping follows.
 */
export class TurnStartPacer {
  private readonly starts: (() => void)[] = [];
  private readonly laterTasks: (() => void)[] = [];
  private scheduled = false;

  /**
   * Resolves in call order, one caller per event-loop iteration: at once when nothing waits or is
   * being admitted (a lone `chat.send` starts in the tick that accepted it, not an I/O poll
   * later), otherwise in a later iteration.
   */
  turn(): Promise<void> {
    if (!this.scheduled && this.starts.length === 0) {
      // Admitted now; the hop keeps the next start behind this one's request write, as after any start.
      this.scheduled = true;
      setImmediate(this.hop);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.starts.push(resolve);
      this.schedule();
    });
  }

  /** Runs `task` in a later iteration once no start is waiting; `task` must not throw. */
  later(task: () => void): void {
    this.laterTasks.push(task);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || (this.starts.length === 0 && this.laterTasks.length === 0)) return;
    this.scheduled = true;
    setImmediate(this.admit);
  }

  private readonly admit = (): void => {
    const start = this.starts.shift();
    if (start) {
      start();
      // The hop: see the class comment. `scheduled` stays set, so nothing else queues an admission meanwhile.
      setImmediate(this.hop);
      return;
    }
    this.scheduled = false;
    this.laterTasks.shift()?.();
    this.schedule();
  };

  private readonly hop = (): void => {
    this.scheduled = false;
    this.schedule();
  };
}
