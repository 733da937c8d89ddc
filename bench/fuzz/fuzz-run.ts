import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { FuzzSocket } from './fuzz-socket.js';
import { malformedFrame, type FrameLimits } from './malformed-frames.js';
import { SeededRandom } from './seeded-random.js';

export interface FuzzRunOptions {
  url: string;
  token: string;
  /** Hostile frames to send in all. */
  frames: number;
  seed: number;
  /** Sockets in flight at once. */
  concurrency: number;
  limits: FrameLimits;
  /** Share of the frames sent before a handshake (each on a fresh socket). */
  preauthShare: number;
  /** Most frames one authenticated socket sends before the fuzzer drops it. */
  maxFramesPerSocket?: number;
  /** How long a socket may stay open after its last frame before the fuzzer closes it. */
  lingerMs?: number;
  progress?: (framesSent: number) => void;
}

export interface FuzzRunReport {
  seed: number;
  framesSent: number;
  framesByKind: Record<string, number>;
  sockets: { preauth: number; postauth: number; notAccepted: number; handshakeFailures: number };
  /** How sockets ended: `gateway <code>` or `client` (the fuzzer closed it). */
  ends: Record<string, number>;
  /** Responses the gateway sent to the fuzzer (a malformed request may still deserve one). */
  answers: number;
  durationMs: number;
}

const MAX_REFUSED_IN_A_ROW = 50;

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * Throws `frames` malformed frames at a gateway from `concurrency` sockets at a time: some on
 * fresh sockets before the handshake, the rest after a successful one. Each worker draws from
 * its own fork of the seeded generator, so the frames replay from the seed (their interleaving
 * across workers does not).
 */
export async function runFuzz(options: FuzzRunOptions): Promise<FuzzRunReport> {
  const started = performance.now();
  const root = new SeededRandom(options.seed);
  const maxFramesPerSocket = options.maxFramesPerSocket ?? 60;
  const lingerMs = options.lingerMs ?? 300;
  const report: FuzzRunReport = {
    seed: options.seed,
    framesSent: 0,
    framesByKind: {},
    sockets: { preauth: 0, postauth: 0, notAccepted: 0, handshakeFailures: 0 },
    ends: {},
    answers: 0,
    durationMs: 0,
  };
  let claimed = 0;
  let preauthFrames = 0;
  // A gateway that stops taking sockets would otherwise keep the workers spinning forever.
  let refusedInARow = 0;
  const refused = (): void => {
    refusedInARow += 1;
    if (refusedInARow >= MAX_REFUSED_IN_A_ROW) throw new Error(`the gateway refused ${refusedInARow} sockets in a row (${JSON.stringify(report.sockets)})`);
  };
  const claim = (): boolean => {
    if (claimed >= options.frames) return false;
    claimed += 1;
    return true;
  };

  const finish = async (socket: FuzzSocket): Promise<void> => {
    const end = await socket.end(lingerMs);
    bump(report.ends, end.by === 'client' ? 'client' : `gateway ${end.code}`);
    report.answers += socket.answers;
  };

  const sendFrom = (socket: FuzzSocket, random: SeededRandom, phase: 'preauth' | 'postauth'): void => {
    const frame = malformedFrame(random, phase, options.limits);
    socket.send(frame);
    report.framesSent += 1;
    if (phase === 'preauth') preauthFrames += 1;
    bump(report.framesByKind, `${phase} ${frame.kind}`);
    if (report.framesSent % 1_000 === 0) options.progress?.(report.framesSent);
  };

  const preauthSession = async (random: SeededRandom): Promise<void> => {
    const socket = await FuzzSocket.open(options.url);
    if (!socket) {
      report.sockets.notAccepted += 1;
      return refused();
    }
    refusedInARow = 0;
    report.sockets.preauth += 1;
    // Usually the first frame closes the socket; the ones after it test a closing connection.
    for (let count = random.int(1, 3); count > 0 && socket.isOpen && claim(); count -= 1) sendFrom(socket, random, 'preauth');
    await finish(socket);
  };

  const postauthSession = async (random: SeededRandom): Promise<void> => {
    const socket = await FuzzSocket.open(options.url);
    if (!socket) {
      report.sockets.notAccepted += 1;
      return refused();
    }
    if (!(await socket.connect(options.token))) {
      report.sockets.handshakeFailures += 1;
      socket.terminate();
      return refused();
    }
    refusedInARow = 0;
    report.sockets.postauth += 1;
    for (let count = random.int(1, maxFramesPerSocket); count > 0 && socket.isOpen && claim(); count -= 1) {
      sendFrom(socket, random, 'postauth');
      // Bursts of a few frames, then a turn of the loop: the gateway answers and may close us.
      if (count % 8 === 0) await yieldToLoop();
    }
    await finish(socket);
  };

  const worker = async (index: number): Promise<void> => {
    const random = root.fork(index);
    while (claimed < options.frames) {
      const wantPreauth = preauthFrames < options.preauthShare * Math.max(1, report.framesSent);
      await (wantPreauth ? preauthSession(random) : postauthSession(random));
    }
  };

  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  report.durationMs = performance.now() - started;
  return report;
}
