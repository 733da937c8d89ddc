import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createSecureContext } from 'node:tls';
import { certificateFingerprint } from '../../../shared/gateway-host/tls-fingerprint.js';
import type { TlsSettings } from '../config/gateway-settings.js';

/**
 * gateway.tls with `caPath` (config.md §2.4 "CA bundle"): the certificates that issued the
 * gateway's certificate, served after it so a browser or client that trusts only the root CA can
 * build the chain. Kept beside TlsSettings until the settings resolver carries it.
 */
export type TlsMaterialSettings = TlsSettings & { caPath?: string };

/** What an HTTPS listener is built from, and the leaf fingerprint it publishes. */
export interface TlsMaterial {
  /** The certificate, followed by the issuing CA certificates from `caPath` when one is set. */
  cert: string;
  key: string;
  fingerprint: string;
  /** True when this start created the pair (autoGenerate). */
  generated: boolean;
}

/** A TLS set-up the gateway cannot start with; the message says which file and what to do. */
export class TlsSetupError extends Error {}

/** How long a generated certificate is valid: long, because clients pin it, not a CA. */
const GENERATED_VALIDITY_DAYS = 3650;

/**
 * config.md §2.4: the configured pair, or with `autoGenerate` and both files missing a new
 * self-signed pair (the key written 0600). Exactly one file missing is fatal: generating would
 * overwrite the one that exists, and that may be somebody's real key or certificate.
 */
export async function loadTlsMaterial(settings: TlsMaterialSettings, hostName: string): Promise<TlsMaterial> {
  const certExists = existsSync(settings.certPath);
  const keyExists = existsSync(settings.keyPath);
  let generated = false;
  if (!certExists && !keyExists) {
    if (!settings.autoGenerate) {
      throw new TlsSetupError(
        `gateway.tls is enabled but ${settings.certPath} and ${settings.keyPath} do not exist (set gateway.tls.autoGenerate to true, or point certPath/keyPath at your PEM files)`,
      );
    }
    await generateSelfSigned(settings, hostName);
    generated = true;
  } else if (!certExists || !keyExists) {
    const [missing, present] = certExists ? [settings.keyPath, settings.certPath] : [settings.certPath, settings.keyPath];
    throw new TlsSetupError(
      `gateway.tls: ${missing} is missing but ${present} exists; restore the missing file, or remove both to have a new self-signed pair generated`,
    );
  }
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(settings.certPath, 'utf8');
    key = readFileSync(settings.keyPath, 'utf8');
  } catch (error) {
    throw new TlsSetupError(`gateway.tls: cannot read the certificate or key (${(error as Error).message})`);
  }
  let fingerprint: string;
  try {
    fingerprint = certificateFingerprint(cert);
  } catch (error) {
    throw new TlsSetupError(`gateway.tls: ${settings.certPath} is not a PEM certificate (${(error as Error).message})`);
  }
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new TlsSetupError(`gateway.tls: ${settings.keyPath} is not the key of ${settings.certPath} (${(error as Error).message})`);
  }
  const chain = settings.caPath === undefined ? '' : readIssuerChain(settings.caPath, cert, settings.certPath);
  return { cert: chain === '' ? cert : `${cert.trimEnd()}\n${chain}`, key, fingerprint, generated };
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The CA bundle at `caPath`, checked: every entry a CA certificate, one of them the issuer of
 * the gateway's certificate. Self-signed roots are left out of what is served (a client must
 * already trust its root; sending it only costs bytes). A bundle that cannot have issued the
 * certificate is refused at start, not discovered by a client that cannot connect.
 */
function readIssuerChain(caPath: string, leafPem: string, certPath: string): string {
  let text: string;
  try {
    text = readFileSync(caPath, 'utf8');
  } catch (error) {
    throw new TlsSetupError(`gateway.tls.caPath: cannot read ${caPath} (${(error as Error).message})`);
  }
  const pems = text.match(PEM_CERTIFICATE) ?? [];
  if (pems.length === 0) throw new TlsSetupError(`gateway.tls.caPath: ${caPath} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  const leaf = new X509Certificate(leafPem);
  const served: string[] = [];
  let issuerFound = false;
  for (const [index, pem] of pems.entries()) {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(pem);
    } catch (error) {
      throw new TlsSetupError(`gateway.tls.caPath: certificate ${index + 1} in ${caPath} cannot be read (${(error as Error).message})`);
    }
    if (!certificate.ca) {
      throw new TlsSetupError(`gateway.tls.caPath: certificate ${index + 1} in ${caPath} (${certificate.subject.replace(/\n/g, ', ')}) is not a CA certificate; caPath holds the CA chain, the gateway's own certificate goes in certPath`);
    }
    if (leaf.checkIssued(certificate) && leaf.verify(certificate.publicKey)) issuerFound = true;
    const selfSigned = certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);
    if (!selfSigned) served.push(pem);
  }
  if (!issuerFound) throw new TlsSetupError(`gateway.tls.caPath: no certificate in ${caPath} issued ${certPath}; point caPath at the CA chain that signed it`);
  return served.length === 0 ? '' : `${served.join('\n')}\n`;
}

async function generateSelfSigned(settings: TlsSettings, hostName: string): Promise<void> {
  // Loaded only here: most gateways never generate a certificate.
  const { generate } = await import('selfsigned');
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: `gatehouse ${hostName}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + GENERATED_VALIDITY_DAYS * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: hostName },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  mkdirSync(dirname(settings.keyPath), { recursive: true, mode: 0o700 });
  mkdirSync(dirname(settings.certPath), { recursive: true, mode: 0o700 });
  // The key first and exclusively: a file that appeared meanwhile is not overwritten.
  writeFileSync(settings.keyPath, pems.private, { mode: 0o600, flag: 'wx' });
  chmodSync(settings.keyPath, 0o600);
  writeFileSync(settings.certPath, pems.cert, { mode: 0o644, flag: 'wx' });
}
