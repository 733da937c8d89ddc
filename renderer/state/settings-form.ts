/**
 * The Settings and Onboarding forms as plain values: filled from a SettingsView, validated,
 * and turned into the smallest `settings:update` / `settings:setProvider` request. Secrets
 * (the remote gateway token, the provider API key) are write-only: the form starts empty and
 * an empty field means "keep what is saved".
 */
import type { ProviderSetup, SettingsUpdate, SettingsView } from '../../shared/ipc/contract.js';

export type GatewayMode = SettingsView['gatewayMode'];
export type BindMode = SettingsView['bind'];
export type ProviderName = ProviderSetup['provider'];

export const providerNames: readonly ProviderName[] = ['anthropic', 'openai', 'openai-compatible'];
export const bindModes: readonly BindMode[] = ['loopback', 'lan', 'tailnet'];

export interface GatewayForm {
  mode: GatewayMode;
  remoteUrl: string;
  /** Write-only: empty keeps the saved token. */
  remoteToken: string;
  port: string;
  bind: BindMode;
}

export type GatewayFormProblem = 'url-missing' | 'url-invalid' | 'port-invalid';

export type Validated<T, Field extends string, Problem extends string> =
  | { ok: true; value: T }
  | { ok: false; problems: Partial<Record<Field, Problem>> };

export function gatewayFormFrom(settings: SettingsView): GatewayForm {
  return {
    mode: settings.gatewayMode,
    remoteUrl: settings.remoteUrl ?? '',
    remoteToken: '',
    port: String(settings.port),
    bind: settings.bind,
  };
}

const gatewayUrlProtocols: ReadonlySet<string> = new Set(['ws:', 'wss:', 'http:', 'https:']);
const httpProtocols: ReadonlySet<string> = new Set(['http:', 'https:']);

export function urlProblem(value: string, protocols: ReadonlySet<string> = gatewayUrlProtocols): 'url-missing' | 'url-invalid' | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return 'url-missing';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'url-invalid';
  }
  return protocols.has(url.protocol) && url.hostname !== '' ? undefined : 'url-invalid';
}

export function parsePort(value: string): number | undefined {
  if (!/^\d{1,5}$/.test(value.trim())) return undefined;
  const port = Number(value.trim());
  return port >= 1 && port <= 65_535 ? port : undefined;
}

/** The changes to send; remote fields only in remote mode, port and bind only in local mode. */
export function gatewayUpdate(
  form: GatewayForm,
  saved: SettingsView,
): Validated<SettingsUpdate, 'remoteUrl' | 'port', GatewayFormProblem> {
  const update: SettingsUpdate = {};
  if (form.mode !== saved.gatewayMode) update.gatewayMode = form.mode;
  if (form.mode === 'remote') {
    const problem = urlProblem(form.remoteUrl);
    if (problem !== undefined) return { ok: false, problems: { remoteUrl: problem } };
    const remoteUrl = form.remoteUrl.trim();
    if (remoteUrl !== saved.remoteUrl) update.remoteUrl = remoteUrl;
    const token = form.remoteToken.trim();
    if (token !== '') update.remoteToken = token;
    return { ok: true, value: update };
  }
  const port = parsePort(form.port);
  if (port === undefined) return { ok: false, problems: { port: 'port-invalid' } };
  if (port !== saved.port) update.port = port;
  if (form.bind !== saved.bind) update.bind = form.bind;
  return { ok: true, value: update };
}

export interface ProviderForm {
  provider: ProviderName;
  model: string;
  /** Write-only: empty keeps the saved key (where one is saved for this provider). */
  apiKey: string;
  baseUrl: string;
}

export type ProviderFormProblem = 'required' | 'url-invalid';

function isProviderName(value: string): value is ProviderName {
  return (providerNames as readonly string[]).includes(value);
}

/** Splits a model ref `provider/model` (the model part may itself contain slashes). */
export function splitModelRef(ref: string | undefined): { provider?: ProviderName; model: string } {
  if (ref === undefined || ref === '') return { model: '' };
  const slash = ref.indexOf('/');
  if (slash > 0) {
    const prefix = ref.slice(0, slash);
    if (isProviderName(prefix)) return { provider: prefix, model: ref.slice(slash + 1) };
  }
  return { model: ref };
}

export function providerFormFrom(settings: Pick<SettingsView, 'model'> | undefined): ProviderForm {
  const { provider, model } = splitModelRef(settings?.model);
  return { provider: provider ?? 'anthropic', model, apiKey: '', baseUrl: '' };
}

/** A hosted provider needs a key, unless one is already saved for that same provider. */
export function apiKeyRequired(form: Pick<ProviderForm, 'provider'>, saved: Pick<SettingsView, 'model' | 'providerConfigured'> | undefined): boolean {
  if (form.provider === 'openai-compatible') return false;
  if (saved === undefined || !saved.providerConfigured) return true;
  return splitModelRef(saved.model).provider !== form.provider;
}

export function providerSetup(
  form: ProviderForm,
  saved: Pick<SettingsView, 'model' | 'providerConfigured'> | undefined,
): Validated<ProviderSetup, 'model' | 'apiKey' | 'baseUrl', ProviderFormProblem> {
  const problems: Partial<Record<'model' | 'apiKey' | 'baseUrl', ProviderFormProblem>> = {};
  const model = form.model.trim();
  const apiKey = form.apiKey.trim();
  if (model === '') problems.model = 'required';
  if (apiKey === '' && apiKeyRequired(form, saved)) problems.apiKey = 'required';
  if (form.provider === 'openai-compatible') {
    const problem = urlProblem(form.baseUrl, httpProtocols);
    if (problem !== undefined) problems.baseUrl = problem === 'url-missing' ? 'required' : 'url-invalid';
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const setup: ProviderSetup = { provider: form.provider, model };
  if (apiKey !== '') setup.apiKey = apiKey;
  if (form.provider === 'openai-compatible') setup.baseUrl = form.baseUrl.trim();
  return { ok: true, value: setup };
}
