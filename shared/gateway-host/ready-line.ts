// The one line a gateway prints when it accepts connections; launchers wait for it.

export function readyLine(url: string, pid: number, stateDir: string): string {
  return `gatehouse gateway listening on ${url} (pid ${pid}, state dir ${stateDir})`;
}

/** Finds the URL in our ready line, and in OpenClaw's similar one. */
export const READY_LINE_PATTERN = /listening on (wss?:\/\/[^\s,;)]+)/;
