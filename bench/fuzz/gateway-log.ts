import { BenchClient } from '../bench-client.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The gateway's whole log file, read through `logs.tail` from cursor 0 page by page (the bench
 * keeps only the tail of the console, and the state dir is the gateway's own). Undefined if the
 * gateway cannot be asked.
 */
export async function readGatewayLog(url: string, token: string): Promise<string | undefined> {
  let client: BenchClient;
  try {
    ({ client } = await BenchClient.connect(url, { token, mode: 'cli', clientId: 'log-reader' }));
  } catch {
    return undefined;
  }
  try {
    const lines: string[] = [];
    let cursor = 0;
    for (;;) {
      const page = await client.request('logs.tail', { cursor, limit: 5_000, maxBytes: 1_000_000 }, 30_000);
      const payload = page.payload;
      if (!page.ok || !isRecord(payload) || !Array.isArray(payload.lines) || typeof payload.cursor !== 'number') return undefined;
      for (const line of payload.lines) lines.push(String(line));
      // An over-long line comes back as no lines with `truncated` and the cursor past it.
      if (payload.cursor === cursor || (payload.lines.length === 0 && payload.truncated !== true)) return lines.join('\n');
      cursor = payload.cursor;
    }
  } finally {
    await client.close();
  }
}
