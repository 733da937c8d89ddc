import type { GatehouseConfig } from '../schema/root.js';
import type { ConfigIssue } from '../types.js';
import { checkAgentRoster, checkExecPolicies } from './agent-rules.js';
import { checkChannels } from './channel-rules.js';
import { checkGatewayAuth, checkGatewayListener, checkGatewayRemote } from './gateway-rules.js';
import { checkModelProviders } from './model-rules.js';
import { collectingReport, type ConfigRule } from './rule-report.js';
import { checkSecretInputs } from './secret-rules.js';
import { checkTtsProvider } from './voice-rules.js';

const RULES: readonly ConfigRule[] = [
  checkGatewayListener,
  checkGatewayAuth,
  checkGatewayRemote,
  checkModelProviders,
  checkAgentRoster,
  checkExecPolicies,
  checkChannels,
  checkSecretInputs,
  checkTtsProvider,
];

/** Cross-field checks for a config that already matches the schema. */
export function checkConfigRules(config: GatehouseConfig): { issues: ConfigIssue[]; warnings: string[] } {
  const report = collectingReport();
  for (const rule of RULES) rule(config, report);
  return { issues: report.issues, warnings: report.warnings };
}
