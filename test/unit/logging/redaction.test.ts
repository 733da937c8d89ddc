import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskSecret } from '../../../gateway/core/logging/mask-secrets-in-text.js';
import { isSecretKeyName } from '../../../gateway/core/logging/redact-log-line.js';
import { readJsonLines, recordingConsole, useTempLogDir } from './logging-test-kit.js';

const OPENAI_KEY = 'sk-proj-4fJ9kLmN0pQrStUvWxYz1234abcd';
const GATEWAY_TOKEN = 'Qm9vdHN0cmFwLXRva2VuLWZvci1nYXRlaG91c2UtMDE'; // 43 chars, base64url

describe('gateway logger: redaction', () => {
  const temp = useTempLogDir();

  it('replaces values under secret-named keys at any depth, and leaves token counts alone', async () => {
    const { logger, file, close } = temp.logger();
    logger.info(
      {
        token: 'plain-gateway-token',
        auth: { mode: 'token', password: 'hunter2', Authorization: 'Bearer abc', hasToken: true },
        headers: { 'x-api-key': 'abc', 'Content-Type': 'application/json' },
        providers: [{ id: 'openai', apiKey: 'whatever', privateKey: 'pem' }],
        client_secret: 'shh',
        usage: { maxTokens: 4096, contextTokens: 200000, tokenCount: 17 },
      },
      'config applied',
    );
    await close();

    const [record] = readJsonLines(file);
    expect(record).toMatchObject({
      token: '[redacted]',
      auth: { mode: 'token', password: '[redacted]', Authorization: '[redacted]', hasToken: true },
      headers: { 'x-api-key': '[redacted]', 'Content-Type': 'application/json' },
      providers: [{ id: 'openai', apiKey: '[redacted]', privateKey: '[redacted]' }],
      client_secret: '[redacted]',
      usage: { maxTokens: 4096, contextTokens: 200000, tokenCount: 17 },
    });
  });

  it('does not change the object the caller logged', async () => {
    const { logger, close } = temp.logger();
    const config = { auth: { token: 'still-here' } };
    logger.info({ config }, 'snapshot');
    await close();

    expect(config.auth.token).toBe('still-here');
  });

  it('masks API keys inside the message, including interpolated arguments, keeping 6 + 4 chars', async () => {
    const { logger, file, close } = temp.logger();
    logger.info(`provider rejected key ${OPENAI_KEY}`);
    logger.info('retrying with %s', OPENAI_KEY);
    await close();

    const messages = readJsonLines(file).map((record) => record['msg']);
    expect(messages).toEqual(['provider rejected key sk-pro…abcd', 'retrying with sk-pro…abcd']);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(OPENAI_KEY);
  });

  it('masks Bearer credentials and 43-char gateway tokens inside string values', async () => {
    const { logger, file, close } = temp.logger();
    logger.warn(
      { header: `Bearer ${GATEWAY_TOKEN}`, url: `ws://127.0.0.1:18789/?token=${GATEWAY_TOKEN}`, curl: 'curl -H "Bearer short"' },
      `client sent ${GATEWAY_TOKEN}`,
    );
    await close();

    const [record] = readJsonLines(file);
    expect(record).toMatchObject({
      header: 'Bearer Qm9vdH…tMDE',
      url: 'ws://127.0.0.1:18789/?token=Qm9vdH…tMDE',
      curl: 'curl -H "Bearer ***"',
      msg: 'client sent Qm9vdH…tMDE',
    });
    expect(fs.readFileSync(file, 'utf8')).not.toContain(GATEWAY_TOKEN);
  });

  it('masks secrets in error messages and stacks', async () => {
    const { logger, file, close } = temp.logger();
    logger.error(new Error(`401 from provider for ${OPENAI_KEY}`));
    await close();

    const [record] = readJsonLines(file);
    expect(record?.['msg']).toBe('401 from provider for sk-pro…abcd');
    expect(record?.['err']).toMatchObject({ type: 'Error', message: '401 from provider for sk-pro…abcd' });
    expect(fs.readFileSync(file, 'utf8')).not.toContain(OPENAI_KEY);
  });

  it('redacts child logger bindings', async () => {
    const { logger, file, close } = temp.logger();
    logger.child({ connId: 'c1', authToken: 'tok' }).info('connected');
    await close();

    expect(readJsonLines(file)[0]).toMatchObject({ connId: 'c1', authToken: '[redacted]', msg: 'connected' });
  });

  it('redacts what reaches the console too', async () => {
    const terminal = recordingConsole();
    const { logger, flush } = temp.logger({ consoleLevel: 'info', consoleStyle: 'pretty', console: terminal.stream });
    logger.info({ apiKey: OPENAI_KEY }, `using ${OPENAI_KEY}`);
    await flush();

    expect(terminal.text()).not.toContain(OPENAI_KEY);
    expect(terminal.text()).toContain('using sk-pro…abcd apiKey=[redacted]');
  });

  describe('custom redactPatterns', () => {
    it('replace the default list, in bare (gi) and /re/flags form, masking short matches as ***', async () => {
      const { logger, file, close } = temp.logger({ redactPatterns: ['acct-[0-9]+', '/Order#(\\d{4})/g'] });
      logger.info('ACCT-1234567890123456789 placed Order#5678 and order#9999');
      logger.info(`default list no longer applies: ${OPENAI_KEY}`);
      await close();

      expect(readJsonLines(file).map((record) => record['msg'])).toEqual([
        'ACCT-1…6789 placed Order#*** and order#9999',
        `default list no longer applies: ${OPENAI_KEY}`,
      ]);
    });

    it('keep the structural protections: auth headers, form bodies and secret keys', async () => {
      const { logger, file, close } = temp.logger({ redactPatterns: ['nothing-matches-this'] });
      logger.info({ password: 'hunter2', body: 'grant_type=refresh&refresh_token=abcdef123&max_tokens=10' }, 'Authorization: Bearer abc.def');
      await close();

      expect(readJsonLines(file)[0]).toMatchObject({
        password: '[redacted]',
        body: 'grant_type=refresh&refresh_token=***&max_tokens=10',
        msg: 'Authorization: Bearer ***',
      });
    });

    it('report a broken pattern by its index', () => {
      expect(() => temp.logger({ redactPatterns: ['ok', '(unclosed'] })).toThrow(/logging\.redactPatterns\[1\].*\(unclosed/);
    });
  });
});

describe('masking rule', () => {
  it('keeps the first 6 and last 4 characters of values of 18 or more characters', () => {
    expect(maskSecret('abcdefghijklmnopqr')).toBe('abcdef…opqr');
    expect(maskSecret('abcdefghijklmnopq')).toBe('***');
    expect(maskSecret('x')).toBe('***');
  });
});

describe('secret key names', () => {
  it.each(['token', 'TOKEN', 'authToken', 'gateway_token', 'password', 'secret', 'clientSecret', 'apiKey', 'api_key', 'X-Api-Key', 'authorization', 'Proxy-Authorization', 'privateKey', 'private_key', 'cookie', 'Set-Cookie'])(
    '%s is secret',
    (key) => expect(isSecretKeyName(key)).toBe(true),
  );
  it.each(['maxTokens', 'contextTokens', 'tokenCount', 'inputTokens', 'secretRef', 'sessionKey', 'keyId', 'authMode'])(
    '%s is not secret',
    (key) => expect(isSecretKeyName(key)).toBe(false),
  );
});
