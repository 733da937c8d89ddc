import { statSync } from 'node:fs';
import { loadTlsMaterial, type TlsMaterial, type TlsMaterialSettings } from './tls-material.js';

/** How often the certificate and key files are looked at. */
const CHECK_INTERVAL_MS = 2_000;

function stamp(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.mtimeMs}:${stats.size}:${stats.ino}`;
  } catch {
    return 'missing';
  }
}

export interface TlsRenewalOptions {
  settings: TlsMaterialSettings;
  hostName: string;
  /** A new pair was read and checked; the listener should serve it from now on. */
  renewed(material: TlsMaterial): void;
  /** The files changed into something unusable; the listener keeps the pair it has. */
  failed(message: string): void;
}

/**
 * config.md §2.4 "replacing files in place SHOULD hot-renew": watches the certificate and key
 * files and hands a changed, readable pair to the listener (`setSecureContext`), so a renewed
 * certificate is served without dropping connections. A half-written or mismatched pair is
 * reported and ignored until the files change again; nothing is generated here.
 */
export class TlsRenewal {
  private timer: NodeJS.Timeout | undefined;
  private lastStamp: string;
  private checking = false;

  constructor(
    private readonly options: TlsRenewalOptions,
    private current: TlsMaterial,
  ) {
    this.lastStamp = this.stamps();
  }

  private stamps(): string {
    const { certPath, keyPath, caPath } = this.options.settings;
    // A renewed intermediate (caPath) is served as soon as it is replaced, like the pair.
    return `${stamp(certPath)}|${stamp(keyPath)}${caPath === undefined ? '' : `|${stamp(caPath)}`}`;
  }

  start(intervalMs = CHECK_INTERVAL_MS): void {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Looks at the files once; exposed so a test can drive it without waiting. */
  async check(): Promise<void> {
    if (this.checking) return;
    const now = this.stamps();
    if (now === this.lastStamp) return;
    this.checking = true;
    this.lastStamp = now;
    try {
      const material = await loadTlsMaterial({ ...this.options.settings, autoGenerate: false }, this.options.hostName);
      if (material.cert === this.current.cert && material.key === this.current.key) return;
      this.current = material;
      this.options.renewed(material);
    } catch (error) {
      this.options.failed((error as Error).message);
    } finally {
      this.checking = false;
    }
  }
}
