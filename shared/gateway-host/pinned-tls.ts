import { isIP } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';

/**
 * A TLS connection to a gateway whose leaf certificate must have `fingerprint` (SHA-256, lowercase
 * hex): a self-signed certificate no CA vouches for, trusted because it is the one the local
 * gateway made. Resolves only after the check, so nothing (no token, no request line) is written
 * to a server that is not the expected one.
 */
export function connectPinnedTls(host: string, port: number, fingerprint: string, timeoutMs = 10_000): Promise<TLSSocket> {
  const expected = fingerprint.replace(/:/g, '').toLowerCase();
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      ...(isIP(host) ? {} : { servername: host }),
      // The chain is not what we trust; the fingerprint below is.
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TLS handshake with ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const actual = socket.getPeerCertificate().fingerprint256?.replace(/:/g, '').toLowerCase() ?? '';
      if (actual !== expected) {
        socket.destroy();
        reject(new Error(`the gateway at ${host}:${port} presented a certificate with SHA-256 fingerprint ${actual || '(none)'}, not the expected ${expected}; refusing to send credentials`));
        return;
      }
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}
