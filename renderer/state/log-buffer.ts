/**
 * The logs view's lines: capped, and frozen while paused. Lines that arrive during a pause wait
 * in `held` (capped too) and join the view on resume, so pausing never loses the newest lines.
 */

export interface LogLine {
  /** Increasing, for React keys. */
  id: number;
  text: string;
}

export interface LogBuffer {
  shown: LogLine[];
  held: LogLine[];
  paused: boolean;
  nextId: number;
  /** Lines dropped from the top because of the cap. */
  dropped: number;
}

export type LogBufferAction =
  | { type: 'recent'; lines: readonly string[] }
  | { type: 'line'; text: string }
  | { type: 'pause' }
  | { type: 'resume' };

export const maxLogLines = 2000;

export function emptyLogBuffer(): LogBuffer {
  return { shown: [], held: [], paused: false, nextId: 1, dropped: 0 };
}

function capped(lines: LogLine[], max: number): { lines: LogLine[]; dropped: number } {
  if (lines.length <= max) return { lines, dropped: 0 };
  return { lines: lines.slice(lines.length - max), dropped: lines.length - max };
}

export function reduceLogBuffer(buffer: LogBuffer, action: LogBufferAction, max: number): LogBuffer {
  switch (action.type) {
    case 'recent': {
      // The recent lines come before anything streamed in while they were being read.
      let nextId = buffer.nextId;
      const recent = action.lines.map((text) => ({ id: nextId++, text }));
      const { lines, dropped } = capped([...recent, ...buffer.shown], max);
      return { ...buffer, shown: lines, nextId, dropped: buffer.dropped + dropped };
    }
    case 'line': {
      const line = { id: buffer.nextId, text: action.text };
      if (buffer.paused) {
        const { lines, dropped } = capped([...buffer.held, line], max);
        return { ...buffer, held: lines, nextId: buffer.nextId + 1, dropped: buffer.dropped + dropped };
      }
      const { lines, dropped } = capped([...buffer.shown, line], max);
      return { ...buffer, shown: lines, nextId: buffer.nextId + 1, dropped: buffer.dropped + dropped };
    }
    case 'pause':
      return { ...buffer, paused: true };
    case 'resume': {
      const { lines, dropped } = capped([...buffer.shown, ...buffer.held], max);
      return { ...buffer, shown: lines, held: [], paused: false, dropped: buffer.dropped + dropped };
    }
  }
}

export function logBufferReducer(buffer: LogBuffer, action: LogBufferAction): LogBuffer {
  return reduceLogBuffer(buffer, action, maxLogLines);
}
