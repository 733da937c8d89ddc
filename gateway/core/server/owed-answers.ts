/**
 * Requests a connection handed to the router and has not answered yet, by id (a client may
 * reuse one). A protocol close waits for them: the client's earlier requests run concurrently
 * and may still be in a handler when its bad frame arrives, and their answers are due.
 */
export class OwedAnswers {
  private readonly owed = new Map<string, number>();
  private onPaid: (() => void) | undefined;

  owe(id: string): void {
    this.owed.set(id, (this.owed.get(id) ?? 0) + 1);
  }

  /** One answer for `id` went out (the first of two, for methods that acknowledge first). */
  paid(id: string): void {
    const count = this.owed.get(id);
    if (count === undefined) return;
    if (count > 1) this.owed.set(id, count - 1);
    else this.owed.delete(id);
    if (this.owed.size === 0) this.onPaid?.();
  }

  get none(): boolean {
    return this.owed.size === 0;
  }

  /** Runs `then` once, when nothing is owed any more or `deadlineMs` has passed; returns the cancel. */
  whenPaid(then: () => void, deadlineMs: number): () => void {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this.onPaid = undefined;
      then();
    };
    const timer = setTimeout(finish, deadlineMs);
    this.onPaid = finish;
    if (this.none) finish();
    return () => {
      done = true;
      clearTimeout(timer);
      this.onPaid = undefined;
    };
  }
}
