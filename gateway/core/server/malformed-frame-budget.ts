/**
 * How many malformed frames one connection may send in a window before it is closed. A working
 * client sends none; one that sends a stream of them costs the shared event loop for nothing.
 */
export class MalformedFrameBudget {
  private spent = 0;
  private windowStartedAt = 0;

  constructor(
    private readonly limit: { frames: number; windowMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one malformed frame; false once the window's budget is exceeded. */
  spend(): boolean {
    const now = this.now();
    if (now - this.windowStartedAt >= this.limit.windowMs) {
      this.windowStartedAt = now;
      this.spent = 0;
    }
    this.spent += 1;
    return this.spent <= this.limit.frames;
  }

  get count(): number {
    return this.spent;
  }
}
