// After an update the new code must run, and a Node process cannot unload the modules it has
// loaded: the process itself is replaced by the updated CLI. Only the CLI ends processes
// (dependency rule "only-the-cli-exits"), so `gatehouse gateway run` provides the replacement
// here (gateway/cli/process-successor.ts) and update.run asks for it. A gateway started any other
// way has none, and update.run says to restart it by hand.

/**
 * exec: the updated CLI takes over this very process (same pid, parent and console);
 * spawn: a detached successor starts and this process exits 0 (no execve, e.g. Windows).
 */
export type ReplacementMode = 'exec' | 'spawn';

export interface ProcessReplacement {
  readonly mode: ReplacementMode;
  /** Stops the gateway as SIGTERM would, then hands the process to `entry`. Does not return on success. */
  replace(entry: string, reason: string): Promise<void>;
}

let provided: ProcessReplacement | undefined;

export function provideProcessReplacement(replacement: ProcessReplacement): void {
  provided = replacement;
}

export function processReplacement(): ProcessReplacement | undefined {
  return provided;
}
