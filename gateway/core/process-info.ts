/** Facts about this gateway process, fixed at start. */
export interface ProcessInfo {
  readonly version: string;
  readonly bootId: string;
  readonly startedAtMs: number;
  readonly hostName: string;
  readonly stateDir: string;
  readonly logFile: string;
}
