/**
 * A real certificate chain for TLS tests, made with the system's openssl: a root CA, an
 * intermediate CA it signed, and a server certificate for 127.0.0.1/localhost the intermediate
 * signed. Like a home server's certificate from a private CA, where the gateway must serve the
 * intermediate (gateway.tls.caPath) for clients that trust only the root.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestChain {
  rootPem: string;
  /** Files: the server's certificate and key, the intermediate, intermediate + root, and an unrelated CA. */
  leafCertPath: string;
  leafKeyPath: string;
  intermediatePath: string;
  bundlePath: string;
  strangerCaPath: string;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
const CA_EXTENSIONS = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n';

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function selfSignedCa(dir: string, name: string): void {
  openssl(dir, ['req', '-x509', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-subj', `/CN=Gatehouse test ${name}`, '-days', '2', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
}

function signed(dir: string, name: string, issuer: string, extensions: string): void {
  openssl(dir, ['req', '-new', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=Gatehouse test ${name}`]);
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`]);
}

export function makeTestChain(dir: string): TestChain {
  selfSignedCa(dir, 'root');
  signed(dir, 'intermediate', 'root', CA_EXTENSIONS);
  signed(dir, 'server', 'intermediate', 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n');
  selfSignedCa(dir, 'stranger');
  const rootPem = readFileSync(join(dir, 'root.pem'), 'utf8');
  writeFileSync(join(dir, 'bundle.pem'), `${readFileSync(join(dir, 'intermediate.pem'), 'utf8')}${rootPem}`);
  return {
    rootPem,
    leafCertPath: join(dir, 'server.pem'),
    leafKeyPath: join(dir, 'server.key'),
    intermediatePath: join(dir, 'intermediate.pem'),
    bundlePath: join(dir, 'bundle.pem'),
    strangerCaPath: join(dir, 'stranger.pem'),
  };
}
