/**
 * Device tokens the gateway issued to this device (spec §11, client persistence): one per
 * (gateway URL, device id, role), with the scopes it was issued for, in one file whose token
 * list is sealed (encrypted by the SecretBox when available).
 */
import Type, { type Static } from 'typebox';
import { compileSchema } from '../../shared/protocol/validate.js';
import { readPrivateFile, writePrivateFile } from './private-file.js';
import type { SecretBox } from './secret-box.js';
import { seal, SealedValueSchema, unseal } from './sealed-value.js';

export interface DeviceTokenKey {
  gatewayUrl: string;
  deviceId: string;
  role: string;
}

export interface StoredDeviceToken {
  token: string;
  scopes: string[];
}

const TokenEntrySchema = Type.Object({
  gatewayUrl: Type.String({ minLength: 1 }),
  deviceId: Type.String({ minLength: 1 }),
  role: Type.String({ minLength: 1 }),
  token: Type.String({ minLength: 1 }),
  scopes: Type.Array(Type.String()),
  updatedAtMs: Type.Integer({ minimum: 0 }),
});
type TokenEntry = Static<typeof TokenEntrySchema>;

const tokenFile = compileSchema(Type.Object({ format: Type.Literal('gatehouse-device-tokens'), version: Type.Literal(1), tokens: SealedValueSchema }));
const tokenList = compileSchema(Type.Array(TokenEntrySchema));

/** `ws://127.0.0.1:18789/` and `WS://127.0.0.1:18789` are one gateway; other URLs are kept apart. */
export function normalizeGatewayUrl(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname === '/' ? '' : parsed.pathname.replace(/\/+$/, '');
  return `${parsed.protocol}//${parsed.host}${path}`;
}

export class DeviceTokenStore {
  #entries: TokenEntry[];

  private constructor(
    private readonly file: string,
    private readonly box: SecretBox,
    private readonly encrypt: boolean,
    private readonly now: () => number,
    entries: TokenEntry[],
  ) {
    this.#entries = entries;
  }

  /**
   * Loads the tokens. An unreadable or undecryptable file is reported through `onProblem` and
   * treated as empty: device tokens can always be obtained again by connecting with the shared
   * token, so this never blocks the app.
   */
  static open(options: { file: string; box: SecretBox; encrypt: boolean; now: () => number; onProblem: (message: string) => void }): DeviceTokenStore {
    const { file, box, encrypt, now, onProblem } = options;
    let entries: TokenEntry[] = [];
    const text = readPrivateFile(file);
    if (text !== undefined) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (!tokenFile.check(parsed)) throw new Error(tokenFile.firstError(parsed) ?? 'unexpected content');
        const list: unknown = JSON.parse(unseal(parsed.tokens, box, encrypt));
        if (!tokenList.check(list)) throw new Error(tokenList.firstError(list) ?? 'unexpected token list');
        entries = list;
        // Written in plain text while encryption was unavailable, and it is available now.
        if (encrypt && parsed.tokens.sealing === 'plaintext') writeTokens(file, box, encrypt, entries);
      } catch (error) {
        onProblem(`the device tokens in ${file} could not be read (${error instanceof Error ? error.message : String(error)}); they will be issued again on the next connect`);
      }
    }
    return new DeviceTokenStore(file, box, encrypt, now, entries);
  }

  load(key: DeviceTokenKey): StoredDeviceToken | null {
    const entry = this.#find(key);
    return entry ? { token: entry.token, scopes: [...entry.scopes] } : null;
  }

  /** Spec §11: a token equal to the stored one keeps the stored scopes. */
  store(key: DeviceTokenKey, token: string, scopes: readonly string[]): void {
    const existing = this.#find(key);
    const keptScopes = existing && existing.token === token ? existing.scopes : [...scopes];
    const entry: TokenEntry = { ...this.#normalized(key), token, scopes: keptScopes, updatedAtMs: this.now() };
    this.#entries = [...this.#entries.filter((candidate) => candidate !== existing), entry];
    writeTokens(this.file, this.box, this.encrypt, this.#entries);
  }

  clear(key: DeviceTokenKey): void {
    const existing = this.#find(key);
    if (!existing) return;
    this.#entries = this.#entries.filter((candidate) => candidate !== existing);
    writeTokens(this.file, this.box, this.encrypt, this.#entries);
  }

  #find(key: DeviceTokenKey): TokenEntry | undefined {
    const wanted = this.#normalized(key);
    return this.#entries.find((entry) => entry.gatewayUrl === wanted.gatewayUrl && entry.deviceId === wanted.deviceId && entry.role === wanted.role);
  }

  #normalized(key: DeviceTokenKey): DeviceTokenKey {
    return { gatewayUrl: normalizeGatewayUrl(key.gatewayUrl), deviceId: key.deviceId, role: key.role };
  }
}

function writeTokens(file: string, box: SecretBox, encrypt: boolean, entries: readonly TokenEntry[]): void {
  const document = { format: 'gatehouse-device-tokens', version: 1, tokens: seal(JSON.stringify(entries), box, encrypt) };
  writePrivateFile(file, `${JSON.stringify(document, null, 2)}\n`);
}
