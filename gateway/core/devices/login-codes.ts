import { createHash, randomBytes } from 'node:crypto';

/** What a login code lets its holder become: the role and scopes it was minted with. */
export interface LoginCodeGrant {
  readonly role: string;
  readonly scopes: readonly string[];
}

export interface MintedLoginCode {
  /** Shown once, to whoever minted it; the store keeps only its hash. */
  readonly code: string;
  readonly expiresAtMs: number;
}

/** How long a code stays valid (the "valid 60 s"). */
export const LOGIN_CODE_TTL_MS = 60_000;
/** Outstanding codes kept at most; minting more drops the oldest (memory stays bounded). */
const MAX_OUTSTANDING = 64;

function hashCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/**
 * One-time login codes for the browser Control UI (`gatehouse dashboard`, the tray's "Open
 * Control UI"): 192 random bits, single use, short-lived, exchanged at connect
 * (`auth.bootstrapToken`) for a device pairing and a device token. Only hashes are held, and only
 * in memory: a gateway restart invalidates every outstanding code, which costs a person one more
 * `gatehouse dashboard`.
 */
export class LoginCodes {
  private readonly codes = new Map<string, LoginCodeGrant & { expiresAtMs: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = LOGIN_CODE_TTL_MS,
  ) {}

  mint(grant: LoginCodeGrant): MintedLoginCode {
    this.sweep();
    while (this.codes.size >= MAX_OUTSTANDING) {
      const oldest = this.codes.keys().next().value as string;
      this.codes.delete(oldest);
    }
    const code = randomBytes(24).toString('base64url');
    const expiresAtMs = this.now() + this.ttlMs;
    this.codes.set(hashCode(code), { role: grant.role, scopes: [...grant.scopes], expiresAtMs });
    return { code, expiresAtMs };
  }

  /**
   * The grant of a valid code, which is used up by this call; undefined for an unknown, used or
   * expired one. A lookup by hash compares no secret bytes, so it leaks nothing through timing.
   */
  redeem(code: string): LoginCodeGrant | undefined {
    const key = hashCode(code);
    const entry = this.codes.get(key);
    if (!entry) return undefined;
    this.codes.delete(key);
    if (entry.expiresAtMs <= this.now()) return undefined;
    return { role: entry.role, scopes: entry.scopes };
  }

  /** Drops expired codes. */
  sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.codes) if (entry.expiresAtMs <= now) this.codes.delete(key);
  }

  get outstanding(): number {
    return this.codes.size;
  }
}

/** `GATEHOUSE_LOGIN_CODE_TTL_MS` shortens the lifetime (tests prove expiry without waiting a minute). */
export function loginCodeTtlFromEnv(env: NodeJS.ProcessEnv): number {
  const value = Number(env.GATEHOUSE_LOGIN_CODE_TTL_MS?.trim() || Number.NaN);
  return Number.isSafeInteger(value) && value > 0 && value <= LOGIN_CODE_TTL_MS ? value : LOGIN_CODE_TTL_MS;
}
