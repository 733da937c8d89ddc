import type { GatehouseConfig } from '../schema/root.js';
import type { ConfigIssue } from '../types.js';

/** Where cross-field rules record what they find. */
export interface RuleReport {
  issue(path: string, message: string, allowedValues?: readonly string[]): void;
  warn(message: string): void;
}

/** A rule sees a config that already matches the schema; it checks what a schema cannot say. */
export type ConfigRule = (config: GatehouseConfig, report: RuleReport) => void;

export function collectingReport(): RuleReport & { issues: ConfigIssue[]; warnings: string[] } {
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  return {
    issues,
    warnings,
    issue(path, message, allowedValues) {
      issues.push(allowedValues ? { path, message, allowedValues: [...allowedValues] } : { path, message });
    },
    warn(message) {
      warnings.push(message);
    },
  };
}
