// Which declared node commands may actually be invoked (spec §17.1) and what approving them
// requires (spec §7.3). Pure functions: the config and the approval record come in as values.

/** Off unless `gateway.nodes.commands.allow` lists them (spec §17.1). */
export const DANGEROUS_NODE_COMMANDS: ReadonlySet<string> = new Set([
  'camera.snap',
  'camera.clip',
  'screen.record',
  'contacts.add',
  'calendar.add',
  'reminders.add',
  'sms.send',
  'sms.search',
  'health.summary',
]);

/** Approving a request that declares any of these needs operator.admin (spec §7.3). */
const ADMIN_APPROVAL_COMMANDS: ReadonlySet<string> = new Set([
  'system.run',
  'system.run.prepare',
  'system.which',
  'browser.proxy',
  'browser.proxy.upload.v1',
  'fs.listDir',
]);

/** `node.invoke` of these needs operator.admin (spec §7.3 note 4). */
const ADMIN_INVOKE_COMMANDS: ReadonlySet<string> = new Set(['browser.proxy', 'browser.proxy.upload.v1', 'fs.listDir', 'terminal.upload']);

const EXEC_APPROVALS_PREFIX = 'system.execApprovals.';

/** `system.execApprovals.*` travel only through `exec.approvals.node.*` (spec §17.2). */
export function isExecApprovalsCommand(command: string): boolean {
  return command.startsWith(EXEC_APPROVALS_PREFIX);
}

export function invokeNeedsAdmin(command: string): boolean {
  return ADMIN_INVOKE_COMMANDS.has(command);
}

/** The operator scopes, beyond operator.pairing, that approving these commands requires. */
export function approvalScopesFor(commands: readonly string[]): string[] {
  if (commands.some((command) => ADMIN_APPROVAL_COMMANDS.has(command) || isExecApprovalsCommand(command))) {
    return ['operator.admin'];
  }
  return commands.length > 0 ? ['operator.write'] : [];
}

export interface NodeCommandConfig {
  allow: ReadonlySet<string>;
  deny: ReadonlySet<string>;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function names(...lists: unknown[]): Set<string> {
  const out = new Set<string>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const item of list) if (typeof item === 'string' && item.trim() !== '') out.add(item.trim());
  }
  return out;
}

/**
 * Reads `gateway.nodes.commands.{allow,deny}` from the resolved (authored, env-substituted)
 * config, and OpenClaw's own spelling `gateway.nodes.{allowCommands,denyCommands}` too.
 */
export function readNodeCommandConfig(resolved: unknown): NodeCommandConfig {
  const nodes = record(record(record(resolved)?.gateway)?.nodes);
  const commands = record(nodes?.commands);
  return {
    allow: names(commands?.allow, nodes?.allowCommands),
    deny: names(commands?.deny, nodes?.denyCommands),
  };
}

/** Gateway policy alone: not denied, and not dangerous unless explicitly allowed. */
export function policyAllows(command: string, config: NodeCommandConfig): boolean {
  if (config.deny.has(command)) return false;
  return !DANGEROUS_NODE_COMMANDS.has(command) || config.allow.has(command);
}

export type CommandRefusal = 'not-declared' | 'denied' | 'not-allowlisted' | 'awaiting-approval';

export const REFUSAL_TEXT: Record<CommandRefusal, string> = {
  'not-declared': 'command not declared by node',
  denied: 'command denied by gateway.nodes.commands.deny',
  'not-allowlisted': 'dangerous command not allowlisted (add it to gateway.nodes.commands.allow)',
  'awaiting-approval': 'command awaiting approval (approve the node pairing request with node.pair.approve)',
};

/** Why `command` may not be invoked on a node, or null when it may. */
export function commandRefusal(
  command: string,
  declared: readonly string[],
  approved: readonly string[] | undefined,
  config: NodeCommandConfig,
): CommandRefusal | null {
  if (!declared.includes(command)) return 'not-declared';
  if (config.deny.has(command)) return 'denied';
  if (DANGEROUS_NODE_COMMANDS.has(command) && !config.allow.has(command)) return 'not-allowlisted';
  if (!approved?.includes(command)) return 'awaiting-approval';
  return null;
}

/** The usable command set: declared ∩ policy ∩ approved (spec §17.1). */
export function usableCommands(declared: readonly string[], approved: readonly string[] | undefined, config: NodeCommandConfig): string[] {
  return declared.filter((command) => commandRefusal(command, declared, approved, config) === null);
}
