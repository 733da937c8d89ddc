// Spec §6.
export const CloseCode = {
  normal: 1000,
  protocolMismatch: 1002,
  /** RFC 6455: a text frame that is not UTF-8. */
  invalidPayload: 1007,
  policyViolation: 1008,
  tooLarge: 1009,
  internalError: 1011,
  serviceRestart: 1012,
  tryAgainLater: 1013,
  clientInvalidated: 4001,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** WebSocket close reasons are capped at 123 bytes; cut on a character boundary. */
export function truncateCloseReason(reason: string, maxBytes = 123): string {
  const encoder = new TextEncoder();
  if (encoder.encode(reason).length <= maxBytes) return reason;
  let out = '';
  let used = 0;
  for (const char of reason) {
    const size = encoder.encode(char).length;
    if (used + size > maxBytes) break;
    out += char;
    used += size;
  }
  return out;
}
