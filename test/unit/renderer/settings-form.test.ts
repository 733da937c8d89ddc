import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../../shared/ipc/contract.js';
import {
  apiKeyRequired,
  gatewayFormFrom,
  gatewayUpdate,
  parsePort,
  providerFormFrom,
  providerSetup,
  splitModelRef,
} from '../../../renderer/state/settings-form.js';
import { stubSettings } from '../../e2e/stub-bridge.js';

/** The same saved settings the view tests' stub bridge answers with. */
const saved: SettingsView = stubSettings;

describe('gateway form', () => {
  it('starts from the saved settings with an empty (write-only) token', () => {
    expect(gatewayFormFrom(saved)).toEqual({ mode: 'local', remoteUrl: '', remoteToken: '', port: '18789', bind: 'loopback' });
  });

  it('sends only what changed', () => {
    const form = gatewayFormFrom(saved);
    expect(gatewayUpdate(form, saved)).toEqual({ ok: true, value: {} });
    expect(gatewayUpdate({ ...form, port: '19000', bind: 'lan' }, saved)).toEqual({ ok: true, value: { port: 19000, bind: 'lan' } });
  });

  it('rejects ports outside 1–65535 and non-numbers', () => {
    for (const port of ['0', '65536', '-1', '80a', '', '1.5']) {
      expect(gatewayUpdate({ ...gatewayFormFrom(saved), port }, saved), port).toEqual({ ok: false, problems: { port: 'port-invalid' } });
    }
    expect(parsePort(' 8080 ')).toBe(8080);
    expect(parsePort('65535')).toBe(65535);
  });

  it('needs a ws(s) or http(s) URL for a remote gateway, and sends the token only when typed', () => {
    const form = { ...gatewayFormFrom(saved), mode: 'remote' as const };
    expect(gatewayUpdate(form, saved)).toEqual({ ok: false, problems: { remoteUrl: 'url-missing' } });
    expect(gatewayUpdate({ ...form, remoteUrl: 'gateway.local' }, saved)).toEqual({ ok: false, problems: { remoteUrl: 'url-invalid' } });
    expect(gatewayUpdate({ ...form, remoteUrl: 'ftp://x' }, saved)).toEqual({ ok: false, problems: { remoteUrl: 'url-invalid' } });
    expect(gatewayUpdate({ ...form, remoteUrl: ' wss://gw.example.net ' }, saved)).toEqual({
      ok: true,
      value: { gatewayMode: 'remote', remoteUrl: 'wss://gw.example.net' },
    });
    expect(gatewayUpdate({ ...form, remoteUrl: 'ws://10.0.0.2:18789', remoteToken: ' t0k ' }, saved)).toEqual({
      ok: true,
      value: { gatewayMode: 'remote', remoteUrl: 'ws://10.0.0.2:18789', remoteToken: 't0k' },
    });
  });

  it('does not send port or bind in remote mode, nor remote fields in local mode', () => {
    const remoteSaved: SettingsView = { ...saved, gatewayMode: 'remote', remoteUrl: 'wss://gw.example.net' };
    const back = { ...gatewayFormFrom(remoteSaved), mode: 'local' as const, remoteToken: 'ignored' };
    expect(gatewayUpdate(back, remoteSaved)).toEqual({ ok: true, value: { gatewayMode: 'local' } });
    const stay = { ...gatewayFormFrom(remoteSaved), port: 'nonsense' };
    expect(gatewayUpdate(stay, remoteSaved)).toEqual({ ok: true, value: {} });
  });
});

describe('provider form', () => {
  it('reads provider and model from the saved model ref', () => {
    expect(splitModelRef('anthropic/claude-sonnet-4-5')).toEqual({ provider: 'anthropic', model: 'claude-sonnet-4-5' });
    expect(splitModelRef('openai-compatible/meta/llama3.1')).toEqual({ provider: 'openai-compatible', model: 'meta/llama3.1' });
    expect(splitModelRef('mystery/model')).toEqual({ model: 'mystery/model' });
    expect(splitModelRef(undefined)).toEqual({ model: '' });
    expect(providerFormFrom(saved)).toEqual({ provider: 'anthropic', model: 'claude-sonnet-4-5', apiKey: '', baseUrl: '' });
    expect(providerFormFrom(undefined).provider).toBe('anthropic');
  });

  it('needs a key for a hosted provider unless that provider already has one', () => {
    expect(apiKeyRequired({ provider: 'anthropic' }, saved)).toBe(false);
    expect(apiKeyRequired({ provider: 'openai' }, saved)).toBe(true);
    expect(apiKeyRequired({ provider: 'anthropic' }, { ...saved, providerConfigured: false })).toBe(true);
    expect(apiKeyRequired({ provider: 'openai-compatible' }, undefined)).toBe(false);
  });

  it('builds the setup request, leaving out an empty key', () => {
    expect(providerSetup({ provider: 'anthropic', model: ' claude-opus-4 ', apiKey: '', baseUrl: '' }, saved)).toEqual({
      ok: true,
      value: { provider: 'anthropic', model: 'claude-opus-4' },
    });
    expect(providerSetup({ provider: 'openai', model: 'gpt-4.1', apiKey: ' sk-1 ', baseUrl: 'ignored' }, saved)).toEqual({
      ok: true,
      value: { provider: 'openai', model: 'gpt-4.1', apiKey: 'sk-1' },
    });
  });

  it('needs a model, and an http(s) base URL for OpenAI-compatible servers', () => {
    expect(providerSetup({ provider: 'openai', model: '', apiKey: '', baseUrl: '' }, saved)).toEqual({
      ok: false,
      problems: { model: 'required', apiKey: 'required' },
    });
    expect(providerSetup({ provider: 'openai-compatible', model: 'llama3.1', apiKey: '', baseUrl: '' }, saved)).toEqual({
      ok: false,
      problems: { baseUrl: 'required' },
    });
    expect(providerSetup({ provider: 'openai-compatible', model: 'llama3.1', apiKey: '', baseUrl: 'ws://x' }, saved)).toEqual({
      ok: false,
      problems: { baseUrl: 'url-invalid' },
    });
    expect(
      providerSetup({ provider: 'openai-compatible', model: 'llama3.1', apiKey: '', baseUrl: 'http://127.0.0.1:11434/v1' }, saved),
    ).toEqual({ ok: true, value: { provider: 'openai-compatible', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1' } });
  });
});
