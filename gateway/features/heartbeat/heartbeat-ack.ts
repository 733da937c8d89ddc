/**
 * The `HEARTBEAT_OK` acknowledgement: a model with nothing to report answers with that token, and
 * nobody should ever see it (OpenClaw users report it leaking through streaming: #16974, #17726,
 * #72217). Pure, so every outbound path — the heartbeat event, channels, chat streams — can apply
 * the same rule.
 */
export const HEARTBEAT_TOKEN = 'HEARTBEAT_OK';

/** OpenClaw's default: an acknowledgement with at most this much left over is still "nothing to report". */
export const DEFAULT_ACK_MAX_CHARS = 300;

export interface StrippedHeartbeatReply {
  /** The reply without the token (and the markup and punctuation wrapped around it), trimmed. */
  readonly text: string;
  /** The token was at the start or the end of the reply. */
  readonly hadToken: boolean;
  /** Nothing worth delivering: empty, or an acknowledgement with at most `ackMaxChars` left. */
  readonly isAcknowledgement: boolean;
}

// The token with what models wrap around it: markdown emphasis/code (`**HEARTBEAT_OK**`,
// `` `HEARTBEAT_OK` ``), HTML bold, and trailing punctuation ("HEARTBEAT_OK.").
const WRAP = '(?:\\*{1,3}|_{1,3}|`{1,3}|~~|<b>|<strong>)?';
const UNWRAP = '(?:\\*{1,3}|_{1,3}|`{1,3}|~~|</b>|</strong>)?';
const TOKEN = `${WRAP}\\s*(?<![A-Za-z0-9])${HEARTBEAT_TOKEN}(?![A-Za-z0-9])\\s*[.!:;,]*\\s*${UNWRAP}[.!:;,]*`;
const AT_START = new RegExp(`^\\s*${TOKEN}`);
const AT_END = new RegExp(`${TOKEN}\\s*$`);

/**
 * Strips `HEARTBEAT_OK` where OpenClaw honours it — at the very start or very end of a reply
 * (repeatedly, so "HEARTBEAT_OK HEARTBEAT_OK" goes too) — and says whether what is left is worth
 * delivering. A token in the middle of a sentence is the model talking about it, and stays.
 */
export function stripHeartbeatToken(reply: string, options: { ackMaxChars?: number } = {}): StrippedHeartbeatReply {
  const ackMaxChars = options.ackMaxChars ?? DEFAULT_ACK_MAX_CHARS;
  let text = reply.trim();
  let hadToken = false;
  for (;;) {
    const next = text.replace(AT_START, '').replace(AT_END, '').trim();
    if (next === text) break;
    hadToken = true;
    text = next;
  }
  const isAcknowledgement = text === '' || (hadToken && text.length <= ackMaxChars);
  return { text, hadToken, isAcknowledgement };
}

// The start of the token at the end of the text so far ("… HEARTB"): it may become the token.
const PARTIAL_TOKEN_AT_END = new RegExp(
  `(?:^|(?<=[\\s*_\`~>]))(?:${Array.from({ length: HEARTBEAT_TOKEN.length - 1 }, (_, index) => HEARTBEAT_TOKEN.slice(0, index + 1)).join('|')})$`,
);

/**
 * What a client may see of a heartbeat reply (the agent-turn port's `visibleText`): the text with
 * the token at either end removed. While it streams (`done` false), a start of the token at the
 * end is held back too, so a client never sees half a token that the next chunk completes; the
 * whole reply (`done`) loses only the token itself.
 */
export function visibleHeartbeatText(textSoFar: string, done = false): string {
  const stripped = stripHeartbeatToken(textSoFar, { ackMaxChars: 0 }).text;
  if (done) return stripped;
  const partial = PARTIAL_TOKEN_AT_END.exec(stripped);
  return partial ? stripped.slice(0, partial.index).replace(/[\s*_`~]+$/, '') : stripped;
}
