/**
 * One sentence for an ActionResult from whatever a gateway call or service threw. Gateway
 * errors carry the gateway's own message (which names the fix); our own errors say what failed.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const message = error.message.trim();
    if (/^not connected to the gateway/.test(message)) return `Gatehouse is ${message}. Start the gateway or check the connection, then try again.`;
    return message === '' ? error.name : message;
  }
  return typeof error === 'string' && error !== '' ? error : 'it failed for an unknown reason';
}
