/** What every benchmark module exports and returns; run-all knows nothing else about a suite. */

/** A table for people: a title, column headings and rows of already formatted cells. */
export interface ReportTable {
  title: string;
  columns: string[];
  rows: string[][];
  notes?: string[];
}

/** One target of the brief, evaluated; benchmarks report misses, they never fail the run for them. */
export interface TargetCheck {
  name: string;
  rule: string;
  measured: string;
  pass: boolean;
}

/** A scenario that could not produce a number (crash, refused connection, timeout…): fails the run. */
export interface ScenarioError {
  scenario: string;
  target?: string;
  message: string;
}

export interface SuiteResult {
  name: string;
  startedAt: string;
  durationMs: number;
  tables: ReportTable[];
  targets: TargetCheck[];
  errors: ScenarioError[];
  /** Everything measured, machine-readable; the shape is the suite's own. */
  details: unknown;
}

export interface BenchmarkSuite {
  readonly name: string;
  run(): Promise<SuiteResult>;
}

/** A suite's result from what it measured: its tables and targets, the errors it caught, its raw numbers. */
export function suiteResult(
  name: string,
  startedAt: Date,
  clockStart: number,
  report: { tables: ReportTable[]; targets: TargetCheck[] },
  errors: ScenarioError[],
  details: unknown,
): SuiteResult {
  return { name, startedAt: startedAt.toISOString(), durationMs: performance.now() - clockStart, ...report, errors, details };
}
