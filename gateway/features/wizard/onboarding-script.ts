import { isAbsolute } from 'node:path';
import type { KeyCheckOutcome, KeyedProvider } from './provider-key-check.js';
import { WizardCancelledError } from './wizard-session.js';
import type { WizardPrompter } from './wizard-prompter.js';

// Gatehouse's onboarding (openclaw-families.md §4, minimal-but-real): risk acknowledgement,
// provider + key + default model, workspace, gateway token, optional Telegram bot. Nothing is
// written until the last step is confirmed; then one merge patch goes through the config path.

export type ProviderChoice = 'anthropic' | 'openai' | 'ollama' | 'skip';
type DmPolicy = 'pairing' | 'allowlist' | 'open' | 'disabled';

const KEY_VARS: Record<'anthropic' | 'openai', string> = { anthropic: 'ANTHROPIC_API_KEY', openai: 'OPENAI_API_KEY' };
const DEFAULT_MODELS: Record<Exclude<ProviderChoice, 'skip'>, string> = {
  anthropic: 'anthropic/claude-opus-4-6',
  openai: 'openai/gpt-6-astra',
  ollama: 'ollama/llama3.2',
};
const TELEGRAM_TOKEN = /^\d{5,}:[A-Za-z0-9_-]{30,}$/;

/** What the script needs to know about the setup as it is now. */
export interface CurrentSetup {
  configPath: string;
  workspace: string;
  /** The configured default model ref, if any (string or `primary` of the object form). */
  model: string | undefined;
  /** Whether `agents.defaults.model` is the object form (then only `primary` is replaced). */
  modelIsObject: boolean;
  hasKey: Record<'anthropic' | 'openai', boolean>;
  /** Where each keyed provider is reached (models.providers.<id>.baseUrl or the built-in default). */
  baseUrl: Record<'anthropic' | 'openai', string>;
  hasConfiguredToken: boolean;
  telegramConfigured: boolean;
}

export interface OnboardingDeps {
  current(): CurrentSetup;
  expandHome(path: string): string;
  newToken(): string;
  /** One cheap request to the provider that needs the key (provider-key-check.ts). */
  checkKey(provider: KeyedProvider, baseUrl: string, key: string): Promise<KeyCheckOutcome>;
  bootstrapWorkspace(dir: string): Promise<string[]>;
  /** Writes the merge patch through the gateway's config path. */
  writeConfig(patch: Record<string, unknown>): Promise<void>;
}

export interface OnboardingOptions {
  workspace?: string;
  /** `channels`: only the chat-channel part. */
  flow: 'setup' | 'channels';
}

function set(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path.at(-1) as string] = value;
}

const PROVIDER_NAMES: Record<KeyedProvider, string> = { anthropic: 'Anthropic', openai: 'OpenAI' };

/**
 * The provider's API key, checked live with the provider: refused or unreachable, the person
 * sees the provider's reason and enters it again or keeps it anyway (offline set-ups, proxies).
 * An empty answer keeps the key already set and is not checked.
 */
async function askProviderKey(prompter: WizardPrompter, deps: OnboardingDeps, provider: KeyedProvider, baseUrl: string, hasKey: boolean): Promise<string> {
  const name = PROVIDER_NAMES[provider];
  for (;;) {
    const key = await prompter.text({
      title: 'API key',
      message: `${name} API key (stored as env.vars.${KEY_VARS[provider]} in the config file).${hasKey ? ' Leave it empty to keep the current key.' : ''}`,
      sensitive: true,
      validate: (value) => {
        if (value === '') return hasKey ? undefined : 'an API key is needed for this provider';
        return /\s/.test(value) ? 'an API key has no spaces' : undefined;
      },
    });
    if (key === '') return key;
    const outcome = await prompter.progress(`Checking the key with ${name} (${baseUrl})…`, () => deps.checkKey(provider, baseUrl, key), 'API key');
    if (outcome.ok) return key;
    const next = await prompter.select<'retry' | 'keep'>(
      outcome.kind === 'refused' ? `${name} refused the key: ${outcome.reason}` : `The key could not be checked: ${outcome.reason}`,
      [
        { value: 'retry', label: 'Enter the key again' },
        { value: 'keep', label: 'Use this key anyway', hint: outcome.kind === 'refused' ? 'agent turns will fail until the key works' : 'for a provider this machine cannot reach yet' },
      ],
      { title: 'API key check', initialValue: 'retry' },
    );
    if (next === 'keep') return key;
  }
}

export async function runOnboarding(prompter: WizardPrompter, deps: OnboardingDeps, options: OnboardingOptions): Promise<void> {
  const current = deps.current();
  const patch: Record<string, unknown> = {};
  const summary: string[] = [];
  let workspace: string | undefined;

  await prompter.note(
    options.flow === 'channels'
      ? 'This connects a Telegram bot to the gateway. Nothing is written until you confirm at the end.'
      : 'This sets up the gateway: a model provider and its key, the default model, the agents\' workspace, the gateway token and, if you like, a Telegram bot. Nothing is written until you confirm at the end.',
    'Gatehouse setup',
  );
  const accepted = await prompter.confirm(
    'The agent runs commands, reads and writes files in its workspace, and answers anyone you let reach it through a channel; what they ask, it may do. Exec approvals and DM pairing limit this, but you are responsible for what it does on this machine. Continue?',
    { title: 'Security', initialValue: false },
  );
  if (!accepted) throw new WizardCancelledError('risk not accepted');

  if (options.flow === 'setup') {
    const provider = await prompter.select<ProviderChoice>(
      'Which model provider should the agents use?',
      [
        { value: 'anthropic', label: 'Anthropic', hint: current.hasKey.anthropic ? 'a key is set' : 'needs an API key' },
        { value: 'openai', label: 'OpenAI', hint: current.hasKey.openai ? 'a key is set' : 'needs an API key' },
        { value: 'ollama', label: 'Ollama (local, no key)', hint: 'http://127.0.0.1:11434' },
        { value: 'skip', label: 'Keep the current model setup' },
      ],
      { title: 'Model provider', initialValue: 'anthropic' },
    );
    if (provider === 'anthropic' || provider === 'openai') {
      const hasKey = current.hasKey[provider];
      const key = await askProviderKey(prompter, deps, provider, current.baseUrl[provider], hasKey);
      if (key !== '') {
        set(patch, ['env', 'vars', KEY_VARS[provider]], key);
        summary.push(`API key: ${KEY_VARS[provider]} (entered, not shown)`);
      } else summary.push('API key: unchanged');
    }
    if (provider !== 'skip') {
      const suggested = current.model?.startsWith(`${provider}/`) ? current.model : DEFAULT_MODELS[provider];
      const model = await prompter.text({
        title: 'Default model',
        message: `The agents' default model, as ${provider}/<model>.`,
        initialValue: suggested,
        validate: (value) =>
          value.startsWith(`${provider}/`) && /^[a-z0-9-]+\/[^\s]+$/.test(value) ? undefined : `the model is written ${provider}/<model>, for example ${DEFAULT_MODELS[provider]}`,
      });
      set(patch, ['agents', 'defaults', 'model'], current.modelIsObject ? { primary: model } : model);
      summary.push(`Default model: ${model}`);
    }

    const folder = await prompter.text({
      title: 'Workspace',
      message: 'The folder the agents work in (AGENTS.md and HEARTBEAT.md are created there if missing).',
      initialValue: options.workspace ?? current.workspace,
      validate: (value) => (value !== '' && isAbsolute(deps.expandHome(value)) ? undefined : 'the workspace is an absolute path (or starts with ~/)'),
    });
    workspace = deps.expandHome(folder);
    set(patch, ['agents', 'defaults', 'workspace'], folder);
    summary.push(`Workspace: ${workspace}`);

    const token = await prompter.select<'keep' | 'generate'>(
      current.hasConfiguredToken
        ? 'Clients authenticate with the gateway token. Keep the configured one or generate a new one?'
        : 'Clients authenticate with the gateway token; the config file sets none (it comes from --token, the environment or <state dir>/gateway.token). Keep it, or generate one into the config file?',
      [
        { value: 'keep', label: 'Keep the current token' },
        { value: 'generate', label: 'Generate a new token', hint: 'clients reconnect with it; a --token flag or GATEHOUSE_GATEWAY_TOKEN still wins over the config' },
      ],
      { title: 'Gateway token', initialValue: 'keep' },
    );
    if (token === 'generate') {
      set(patch, ['gateway', 'auth', 'token'], deps.newToken());
      summary.push('Gateway token: new, generated (`gatehouse gateway token` prints it)');
    } else summary.push('Gateway token: unchanged');
  }

  const telegram = await prompter.confirm(
    current.telegramConfigured ? 'A Telegram bot is configured. Set it up again?' : 'Connect a Telegram bot, so you can talk to the agent from Telegram?',
    { title: 'Telegram', initialValue: false },
  );
  if (telegram) {
    const botToken = await prompter.text({
      title: 'Telegram bot token',
      message: 'The bot token from @BotFather.',
      sensitive: true,
      placeholder: '123456789:AA…',
      validate: (value) => (TELEGRAM_TOKEN.test(value) ? undefined : 'a bot token looks like 123456789:AA… (digits, a colon, then at least 30 letters, digits, _ or -)'),
    });
    const dmPolicy = await prompter.select<DmPolicy>(
      'Who may message the bot directly?',
      [
        { value: 'pairing', label: 'Pairing', hint: 'strangers get a code; approve it with `gatehouse pairing approve telegram <code>`' },
        { value: 'allowlist', label: 'Only listed Telegram user ids' },
        { value: 'open', label: 'Anyone', hint: 'anyone who finds the bot can use the agent' },
        { value: 'disabled', label: 'Nobody (groups only)' },
      ],
      { title: 'Direct messages', initialValue: 'pairing' },
    );
    const channel: Record<string, unknown> = { enabled: true, botToken, dmPolicy };
    if (dmPolicy === 'allowlist') {
      const ids = await prompter.text({
        title: 'Allowed users',
        message: 'Telegram user ids allowed to message the bot, separated by commas.',
        validate: (value) => {
          const list = value.split(',').map((id) => id.trim()).filter((id) => id !== '');
          return list.length > 0 && list.every((id) => /^\d{1,20}$/.test(id)) ? undefined : 'list numeric Telegram user ids, separated by commas';
        },
      });
      channel.allowFrom = ids.split(',').map((id) => id.trim()).filter((id) => id !== '');
    }
    if (dmPolicy === 'open') channel.allowFrom = ['*'];
    set(patch, ['channels', 'telegram'], channel);
    summary.push(`Telegram: bot token (entered, not shown), direct messages: ${dmPolicy}`);
  }

  if (Object.keys(patch).length === 0 && workspace === undefined) {
    await prompter.note('Nothing to change.', 'Done');
    return;
  }
  const write = await prompter.confirm(`Write this setup to ${current.configPath}?\n\n${summary.map((line) => `• ${line}`).join('\n')}\n\nThe gateway applies it at once (restarting itself if a change needs it).`, {
    title: 'Review',
    initialValue: true,
  });
  if (!write) throw new WizardCancelledError('nothing written');
  if (workspace !== undefined) await deps.bootstrapWorkspace(workspace);
  await deps.writeConfig(patch);
}
