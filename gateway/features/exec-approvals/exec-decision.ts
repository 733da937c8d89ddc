import type { AllowlistEntry } from './approvals-document.js';
import { matchingEntry } from './allowlist-match.js';
import { analyzeCommand, type CommandAnalysis } from './command-analysis.js';
import type { ExecPolicy } from './exec-policy.js';

export interface ExecDecisionInput {
  command: string;
  cwd: string;
  /** PATH and HOME of the environment the command will run with. */
  pathEnv: string | undefined;
  home: string | undefined;
  /** The extra variables the caller asked for (beyond what every command inherits). */
  env: Readonly<Record<string, string>>;
  policy: ExecPolicy;
  allowlist: readonly AllowlistEntry[];
  /** The environment an entry was approved with; entries not in it were approved with none. */
  pinnedEnv: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** The shell that will run it: `/bin/sh`, or cmd.exe on Windows, whose syntax is not analysed. */
  shell?: 'sh' | 'cmd';
}

export interface ExecDecision {
  /** What policy decides before anyone is asked (spec §16, config.md §5). */
  decision: 'run' | 'ask' | 'deny';
  analysis: CommandAnalysis;
  /** Per segment of a safe command, the entry that allows it. */
  matches: (AllowlistEntry | undefined)[];
  matched: boolean;
  /** Shown to the person asked: what made the command impossible to match. */
  warningText?: string;
}

function sameEnv(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

function preDecision(policy: ExecPolicy, matched: boolean): ExecDecision['decision'] {
  if (policy.security === 'deny') return 'deny';
  if (policy.ask === 'always') return 'ask';
  if (matched || policy.security === 'full') return policy.ask === 'on-miss' && !matched ? 'ask' : 'run';
  return policy.ask === 'on-miss' ? 'ask' : 'deny';
}

/** When nobody answered: the fallback policy, where `allowlist` still needs a proven match. */
export function fallbackAllows(policy: ExecPolicy, matched: boolean): boolean {
  return policy.askFallback === 'full' || (policy.askFallback === 'allowlist' && matched);
}

/**
 * Decides an exec: a command matches the allowlist only when the analysis proves every segment
 * is exactly an allowed program with allowed arguments, run with exactly the environment its
 * entry was approved with (none, for entries a person wrote).
 */
export async function decideExec(input: ExecDecisionInput): Promise<ExecDecision> {
  const analysis: CommandAnalysis =
    input.shell === 'cmd'
      ? { safe: false, reason: 'cmd.exe command lines are not analysed, so none is matched' }
      : await analyzeCommand(input.command, input.pathEnv, input.cwd);
  const candidates = input.allowlist.filter((entry) => sameEnv(input.pinnedEnv.get(entry.id ?? '') ?? {}, input.env));
  const matches = analysis.safe ? analysis.segments.map((segment) => matchingEntry(candidates, segment, input.home)) : [];
  const matched = analysis.safe && matches.length > 0 && matches.every((entry) => entry !== undefined);
  return {
    decision: preDecision(input.policy, matched),
    analysis,
    matches,
    matched,
    ...(analysis.safe ? {} : { warningText: `unsafe: ${analysis.reason}` }),
  };
}
