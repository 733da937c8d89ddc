// Splits a long reply into chat-sized messages (research note §3: a per-channel chunker and
// limit). Prefers paragraph breaks, then line breaks, then spaces, outside code fences; a fence
// cut in two is closed at the end of one chunk and reopened (same language) at the next, so each
// message renders on its own.

const FENCE_LINE = /^\s*(```|~~~)/;
const FENCE_CLOSE = '\n```';

interface BreakCandidate {
  readonly pos: number;
  readonly paragraph: boolean;
  readonly inFence: boolean;
}

/** The fence header (e.g. "```ts") left open at the end of `text`, if any. */
export function openFenceAt(text: string): string | undefined {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    if (!FENCE_LINE.test(line)) continue;
    open = open === undefined ? line.trim() : undefined;
  }
  return open;
}

function lineBreaks(window: string): BreakCandidate[] {
  const candidates: BreakCandidate[] = [];
  let open = false;
  let lineStart = 0;
  for (let i = 0; i < window.length; i += 1) {
    if (window[i] !== '\n') continue;
    if (FENCE_LINE.test(window.slice(lineStart, i))) open = !open;
    candidates.push({ pos: i + 1, paragraph: window[i + 1] === '\n' || window[i - 1] === '\n', inFence: open });
    lineStart = i + 1;
  }
  return candidates;
}

function chooseCut(rest: string, limit: number): number {
  const window = rest.slice(0, limit);
  const floor = Math.floor(limit / 3);
  const candidates = lineBreaks(window).filter((c) => c.pos >= floor);
  const last = (predicate: (c: BreakCandidate) => boolean) => candidates.filter(predicate).at(-1)?.pos;
  const cut =
    last((c) => c.paragraph && !c.inFence) ??
    last((c) => !c.inFence) ??
    last((c) => c.inFence && c.pos <= limit - FENCE_CLOSE.length);
  if (cut !== undefined) return cut;
  const budget = limit - FENCE_CLOSE.length;
  const space = window.lastIndexOf(' ', budget);
  return space >= floor ? space + 1 : budget;
}

export function chunkText(text: string, limit: number): string[] {
  if (limit < 64) throw new Error('chunk limit too small');
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = chooseCut(rest, limit);
    let piece = rest.slice(0, cut).replace(/\s+$/, '');
    let next = rest.slice(cut);
    const fence = openFenceAt(piece);
    if (fence !== undefined) {
      piece += FENCE_CLOSE;
      next = `${fence}\n${next.replace(/^\n+/, '')}`;
    } else {
      next = next.replace(/^\n+/, '');
    }
    if (piece.trim().length > 0) chunks.push(piece);
    rest = next;
  }
  if (rest.trim().length > 0) chunks.push(rest);
  return chunks;
}
