import { PAIRING_TTL_MS } from './pairing-codes.js';

// What the bot says to a sender about pairing, with the limits taken from pairing-codes.ts.

/** "1 hour", "30 minutes": the pairing TTL as the reply states it. */
function spokenDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The answer to an unknown sender: their code, how long it lasts, and how the owner approves it. */
export function pairingReply(channel: string, code: string): string {
  return (
    `I don't know you yet, so I can't pass your messages to the agent.\n\n` +
    `Your pairing code: ${code} (valid for ${spokenDuration(PAIRING_TTL_MS)})\n\n` +
    `Ask the owner of this bot to approve it in the Gatehouse app, or to run:\ngatehouse pairing approve ${channel} ${code}`
  );
}

/** Sent to a sender once an operator approved them (`notify`). */
export const APPROVED_NOTICE = 'You are approved: from now on your messages go to the agent.';
