import { X509Certificate } from 'node:crypto';

/**
 * The SHA-256 fingerprint of a PEM certificate's leaf (the first certificate in the file), as
 * lowercase hex without separators: what the gateway prints at start, the tray shows, and
 * clients pin (config.md §2.4, `gateway.remote.tlsFingerprint` after normalising).
 */
export function certificateFingerprint(pem: string | Buffer): string {
  return new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();
}

/** "AB:CD:…" → "ab cd …" groups of four, easier to compare by eye in a menu or a terminal. */
export function fingerprintForDisplay(fingerprint: string): string {
  return fingerprint.match(/.{1,4}/g)?.join(' ') ?? fingerprint;
}
