/** Names whoever holds a port we could not bind, for the exit-78 message. */
export async function describePortOwner(host: string, port: number): Promise<string> {
  const probeHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  try {
    const response = await fetch(`http://${probeHost}:${port}/healthz`, { signal: AbortSignal.timeout(1_000) });
    const body = (await response.json()) as { service?: string; version?: string; bootId?: string };
    if (body.service === 'gatehouse') {
      return `another Gatehouse gateway (version ${body.version ?? '?'}) is already listening on ${probeHost}:${port}`;
    }
  } catch {
    // Not an HTTP server we understand: fall through to the generic message.
  }
  return `port ${port} on ${host} is already in use by another program`;
}
