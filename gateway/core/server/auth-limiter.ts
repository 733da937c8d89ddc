export type CredentialClass = 'shared-secret' | 'device-token' | 'bootstrap-code';

export interface AuthLimiterOptions {
  maxAttempts: number;
  windowMs: number;
  lockoutMs: number;
  exemptLoopback: boolean;
}

interface Bucket {
  failures: number[];
  lockedUntil: number;
}

/**
 * Spec §8.3: counts wrong credentials (never missing ones) per client IP and credential class;
 * too many in the window locks that IP out of that class for a while.
 */
export class AuthFailureLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: AuthLimiterOptions) {}

  private key(ip: string, credential: CredentialClass): string {
    return `${credential}|${ip}`;
  }

  private exempt(isLoopback: boolean): boolean {
    return isLoopback && this.options.exemptLoopback;
  }

  /** Milliseconds until this IP may try again, or 0. */
  lockedFor(ip: string, credential: CredentialClass, isLoopback: boolean, now: number): number {
    if (this.exempt(isLoopback)) return 0;
    const bucket = this.buckets.get(this.key(ip, credential));
    return bucket && bucket.lockedUntil > now ? bucket.lockedUntil - now : 0;
  }

  recordFailure(ip: string, credential: CredentialClass, isLoopback: boolean, now: number): void {
    if (this.exempt(isLoopback)) return;
    const key = this.key(ip, credential);
    const bucket = this.buckets.get(key) ?? { failures: [], lockedUntil: 0 };
    bucket.failures = bucket.failures.filter((at) => now - at < this.options.windowMs);
    bucket.failures.push(now);
    if (bucket.failures.length >= this.options.maxAttempts) {
      bucket.lockedUntil = now + this.options.lockoutMs;
      bucket.failures = [];
    }
    this.buckets.set(key, bucket);
  }

  recordSuccess(ip: string, credential: CredentialClass): void {
    this.buckets.delete(this.key(ip, credential));
  }

  /** Drops buckets that hold nothing worth remembering, so memory stays bounded. */
  sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const recent = bucket.failures.some((at) => now - at < this.options.windowMs);
      if (!recent && bucket.lockedUntil <= now) this.buckets.delete(key);
    }
  }
}
