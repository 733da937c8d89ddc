import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateFingerprint } from '../../../shared/gateway-host/tls-fingerprint.js';
import { loadTlsMaterial, TlsSetupError, type TlsMaterial, type TlsMaterialSettings } from '../../../gateway/core/server/tls-material.js';
import { makeTestChain, type TestChain } from './test-certificate-authority.js';

/** What a client that trusts only `rootPem` sees when it connects to a server built from `material`. */
async function handshake(material: TlsMaterial, rootPem: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const server: Server = createServer({ cert: material.cert, key: material.key }, (_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, ca: rootPem, servername: 'localhost' });
      socket.once('secureConnect', () => {
        socket.end();
        resolve({ ok: true });
      });
      socket.once('error', (error) => resolve({ ok: false, error: error.message }));
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('gateway.tls.caPath: the CA chain served with the certificate', () => {
  let dir: string;
  let chain: TestChain;
  let base: TlsMaterialSettings;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-tls-chain-'));
    chain = makeTestChain(dir);
    base = { enabled: true, autoGenerate: false, certPath: chain.leafCertPath, keyPath: chain.leafKeyPath };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without caPath a client that trusts only the root cannot verify the certificate', async () => {
    const material = await loadTlsMaterial(base, 'test-host');
    expect(await handshake(material, chain.rootPem)).toEqual({ ok: false, error: expect.stringMatching(/issuer|unable to verify/i) });
  });

  it('with caPath the intermediate is served after the certificate and the same client connects', async () => {
    const material = await loadTlsMaterial({ ...base, caPath: chain.intermediatePath }, 'test-host');
    expect(await handshake(material, chain.rootPem)).toEqual({ ok: true });
    // The published fingerprint stays the server certificate's, not the chain's.
    expect(material.fingerprint).toBe(certificateFingerprint(readFileSync(chain.leafCertPath)));
  });

  it('leaves a self-signed root in the bundle out of what it serves', async () => {
    const material = await loadTlsMaterial({ ...base, caPath: chain.bundlePath }, 'test-host');
    expect(material.cert.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(material.cert).not.toContain(chain.rootPem.trim());
    expect(await handshake(material, chain.rootPem)).toEqual({ ok: true });
  });

  it('refuses a caPath that is missing, holds no certificate, holds a non-CA certificate, or did not issue the certificate', async () => {
    const attempts: [string, RegExp][] = [
      [join(dir, 'missing.pem'), /cannot read/],
      [chain.leafKeyPath, /holds no PEM certificate/],
      [chain.leafCertPath, /is not a CA certificate; caPath holds the CA chain/],
      [chain.strangerCaPath, /no certificate in .* issued/],
    ];
    for (const [caPath, message] of attempts) {
      const attempt = loadTlsMaterial({ ...base, caPath }, 'test-host');
      await expect(attempt).rejects.toBeInstanceOf(TlsSetupError);
      await expect(attempt).rejects.toThrow(message);
    }
  });
});
