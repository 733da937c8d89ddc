// config.md §1.1: every GATEHOUSE_* variable has an OPENCLAW_* twin; the Gatehouse name wins
// and a disagreement between the two is worth a warning.

export interface EnvValue {
  name: string;
  value: string;
}

function present(env: NodeJS.ProcessEnv, name: string): EnvValue | undefined {
  const value = env[name];
  return value !== undefined && value !== '' ? { name, value } : undefined;
}

/** The first set variable of `names` (in order); warns when the later ones disagree with it. */
export function readEnvTwin(env: NodeJS.ProcessEnv, gatehouseName: string, openclawName: string, warnings: string[], ...legacyNames: string[]): EnvValue | undefined {
  const found = [gatehouseName, openclawName, ...legacyNames]
    .map((name) => present(env, name))
    .filter((entry): entry is EnvValue => entry !== undefined);
  const [first, ...rest] = found;
  if (!first) return undefined;
  const disagreeing = rest.filter((entry) => entry.value !== first.value).map((entry) => entry.name);
  if (disagreeing.length > 0) {
    // Names only: these variables may hold secrets.
    warnings.push(`${first.name} and ${disagreeing.join(', ')} are both set and differ; using ${first.name}`);
  }
  return first;
}
