/**
 * The Control UI over TLS, as from a laptop to a gateway on a home server: gateway.tls with
 * autoGenerate makes a self-signed certificate and prints its fingerprint; Chromium trusts exactly
 * that certificate's key (--ignore-certificate-errors-spki-list, no blanket ignoring of errors),
 * loads the UI over https, has a secure context for WebCrypto, and signs in over wss.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { chromiumLaunchArgs } from '../../playwright.config.js';
import { startTlsGateway, type TlsServedGateway } from './control-ui-support.js';

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

let served: TlsServedGateway;
let certificate: X509Certificate;

test.beforeAll(async () => {
  served = await startTlsGateway();
  certificate = new X509Certificate(readFileSync(join(served.stateDir, 'gateway', 'tls', 'gateway-cert.pem')));
});

test.afterAll(async () => {
  await served?.stop();
});

/** Chromium's form of a pin: base64 SHA-256 of the certificate's SubjectPublicKeyInfo. */
function spkiPin(cert: X509Certificate): string {
  return createHash('sha256').update(cert.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

async function withBrowser<T>(args: string[], work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumLaunchArgs, ...args] });
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}

test('the printed fingerprint is the certificate the gateway serves', () => {
  expect(certificate.fingerprint256.replace(/:/g, '').toLowerCase()).toBe(served.announcedFingerprint);
});

test('a browser that does not trust the certificate does not load the page', async () => {
  await withBrowser([], async (browser) => {
    const page = await browser.newPage();
    await expect(page.goto(served.origin)).rejects.toThrow(/ERR_CERT/);
  });
});

test('trusting the printed certificate, the UI loads over https and signs in over wss', async () => {
  await withBrowser([`--ignore-certificate-errors-spki-list=${spkiPin(certificate)}`], async (browser) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const response = await page.goto(served.origin);
    expect(response?.status()).toBe(200);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);

    await page.getByLabel('Gateway token').fill(served.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('connection-state')).toHaveText('Connected');
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets.every((url) => url.startsWith(`wss://127.0.0.1:${new URL(served.origin).port}/`))).toBe(true);

    // Signed in by the device key made with WebCrypto: a reload needs no token.
    await page.reload();
    await expect(page.getByTestId('connection-state')).toHaveText('Connected');
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  });
});
