import { dotPath } from '../object-paths.js';
import { findSecretValues } from '../schema-annotations.js';
import { ENV_REF_ID, FILE_REF_ID, REDACTED_SENTINEL, isSecretRef, providerAliasOf } from '../secret-refs.js';
import type { ConfigRule } from './rule-report.js';

// config.md §1.4: SecretRef ids by source, and the provider each ref names must exist.

export const checkSecretInputs: ConfigRule = (config, report) => {
  const providers = config.secrets?.providers ?? {};
  for (const { path, value } of findSecretValues(config)) {
    const at = dotPath(path);
    if (value === REDACTED_SENTINEL) {
      report.issue(at, `"${REDACTED_SENTINEL}" is the placeholder config.get shows instead of a secret; put the real value (or a \${NAME} reference) here`);
      continue;
    }
    if (!isSecretRef(value)) continue;
    if (value.source === 'env' && !ENV_REF_ID.test(value.id)) {
      report.issue(`${at}.id`, 'must be an environment variable name: uppercase letters, digits and "_", starting with a letter');
    }
    if (value.source === 'file' && !FILE_REF_ID.test(value.id)) {
      report.issue(`${at}.id`, 'must be an absolute JSON pointer such as "/anthropic/apiKey", or "value" for a single-value file');
    }
    const alias = providerAliasOf(value, config);
    if (value.source === 'env' && alias === 'default') continue;
    const provider = providers[alias];
    if (!provider) {
      report.issue(`${at}.provider`, `names no secret provider: add secrets.providers.${alias} = { source: "${value.source}", … }`, Object.keys(providers));
    } else if (provider.source !== value.source) {
      report.issue(`${at}.provider`, `secrets.providers.${alias} has source "${provider.source}", but this ref has source "${value.source}"`);
    }
  }
};
