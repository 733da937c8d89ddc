import { describe, expect, it } from 'vitest';
import { InboundByteBudget, type BudgetedReader } from '../../../gateway/core/server/inbound-byte-budget.js';

const MIB = 1_048_576;

/** A socket as the budget sees it: paused or not, in the middle of a message of some size, open or closed. */
class FakeReader implements BudgetedReader {
  paused = false;
  closed = false;
  bytes = 0;
  deadlinePassed = false;
  constructor(readonly name: string) {}
  pauseForBudget(): void {
    this.paused = true;
  }
  resumeForBudget(): void {
    this.paused = false;
  }
  bytesInProgress(): number {
    return this.bytes;
  }
  isClosed(): boolean {
    return this.closed;
  }
  readDeadlinePassed(): void {
    this.deadlinePassed = true;
  }
  /** Its frame header of `bytes` was read. */
  starts(budget: InboundByteBudget, bytes: number): boolean {
    this.bytes = bytes;
    return budget.inProgress(this, bytes);
  }
  /** Its message was emitted. */
  finishes(budget: InboundByteBudget): void {
    this.bytes = 0;
    budget.release(this);
  }
}

function setup(limitMiB: number, readDeadlineMs = 60_000) {
  const clock = { now: 0 };
  const stale: number[] = [];
  const budget = new InboundByteBudget({ limitBytes: limitMiB * MIB, readDeadlineMs, now: () => clock.now, onStaleReservation: (bytes) => stale.push(bytes) });
  return { budget, clock, stale };
}

describe('inbound byte budget', () => {
  it('reads large messages up to the budget, pauses the rest and admits them oldest first as messages end', () => {
    const { budget } = setup(32);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => new FakeReader(name)) as [FakeReader, FakeReader, FakeReader, FakeReader];
    expect(a.starts(budget, 16 * MIB)).toBe(true);
    expect(b.starts(budget, 16 * MIB)).toBe(true);
    expect(c.starts(budget, 16 * MIB)).toBe(false);
    expect(d.starts(budget, 1 * MIB)).toBe(false); // it would fit, but c came first
    expect([c.paused, d.paused]).toEqual([true, true]);
    a.finishes(budget);
    expect([c.paused, d.paused]).toEqual([false, true]);
    b.finishes(budget);
    expect(d.paused).toBe(false);
    expect(budget.state()).toEqual({ heldBytes: 17 * MIB, admitted: 2, waiting: 0 });
  });

  it('never pauses a message under 64 KiB', () => {
    const { budget } = setup(1);
    new FakeReader('big').starts(budget, 1 * MIB);
    const small = new FakeReader('small');
    expect(small.starts(budget, 65_535)).toBe(true);
    expect(small.paused).toBe(false);
  });

  it('reads a message larger than the whole budget alone', () => {
    const { budget } = setup(1);
    const huge = new FakeReader('huge');
    expect(huge.starts(budget, 16 * MIB)).toBe(true);
    const next = new FakeReader('next');
    expect(next.starts(budget, 128 * 1_024)).toBe(false);
    huge.finishes(budget);
    expect(next.paused).toBe(false);
  });

  it('resumes a waiter whose socket goes away, and frees what a closed reader held', () => {
    const { budget } = setup(16);
    const reading = new FakeReader('reading');
    const waiting = new FakeReader('waiting');
    reading.starts(budget, 16 * MIB);
    waiting.starts(budget, 16 * MIB);
    budget.release(waiting); // closing: its pause must not outlive the reservation
    expect(waiting.paused).toBe(false);
    budget.release(reading);
    expect(budget.state()).toEqual({ heldBytes: 0, admitted: 0, waiting: 0 });
  });

  it('closes a reader whose message is not complete within the read deadline, counted from when it was admitted', () => {
    const { budget, clock } = setup(16, 10_000);
    const slow = new FakeReader('slow');
    const queued = new FakeReader('queued');
    slow.starts(budget, 16 * MIB);
    clock.now = 8_000;
    queued.starts(budget, 16 * MIB);
    clock.now = 10_001;
    budget.sweep();
    expect(slow.deadlinePassed).toBe(true);
    // The slow reader's budget went to the one queued behind it, whose own clock starts now.
    expect(queued.paused).toBe(false);
    clock.now = 19_000;
    budget.sweep();
    expect(queued.deadlinePassed).toBe(false);
    clock.now = 20_002;
    budget.sweep();
    expect(queued.deadlinePassed).toBe(true);
  });

  it('sweep repairs a reservation no event ended: a reader closed, or no longer in a large message', () => {
    const { budget, stale } = setup(16);
    const closed = new FakeReader('closed');
    const waiter = new FakeReader('waiter');
    closed.starts(budget, 16 * MIB);
    waiter.starts(budget, 16 * MIB);
    closed.closed = true;
    budget.sweep();
    expect(stale).toEqual([16 * MIB]);
    expect(waiter.paused).toBe(false);
    waiter.bytes = 0; // its message ended, and nobody said so
    budget.sweep();
    expect(budget.state()).toEqual({ heldBytes: 0, admitted: 0, waiting: 0 });
  });
});
