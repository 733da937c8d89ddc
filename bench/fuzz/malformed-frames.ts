import { INBOUND_JSON_LIMITS } from '../../shared/protocol/limits.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * Hostile frames for the fuzz test and the fuzz/hostile benchmarks: what a broken or malicious
 * client can put on the wire, before the handshake (where anyone may connect) and after it.
 * Every frame is built from the seeded generator, so a run replays from its seed.
 */

export type FuzzPhase = 'preauth' | 'postauth';

export interface FuzzFrame {
  kind: string;
  data: string | Buffer;
  /** Sent as a binary frame (the gateway reads it as UTF-8 text, spec §1.2). */
  binary: boolean;
  /** Split into this many WebSocket fragments (continuation frames); 1 = one frame. */
  fragments: number;
}

export interface FrameLimits {
  /** Largest frame before hello-ok (spec §0: 64 KiB). */
  preauthBytes: number;
  /** Largest frame after hello-ok, as advertised in policy.maxPayload. */
  postauthBytes: number;
  /** Chance that a post-auth frame is one at or just over `postauthBytes` (each costs real work). */
  hugeFrameChance: number;
}

/** Read-only methods: garbage params aimed at them must never change the gateway's state. */
const READ_METHODS = ['health', 'status', 'logs.tail', 'sessions.list', 'config.get', 'chat.history', 'models.list', 'system-presence'];
const PRINTABLE = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~';

/** Byte sequences no UTF-8 decoder may accept: lone continuation, overlong, surrogate, > U+10FFFF, truncated. */
const INVALID_UTF8: readonly number[][] = [[0x80], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff], [0xe2, 0x82]];

const WRONG_SHAPES: readonly string[] = [
  '[]',
  '42',
  'null',
  '"req"',
  'true',
  '{}',
  '{"type":"event","event":"presence","payload":{}}',
  '{"type":"res","id":"x","ok":true}',
  '{"type":"req"}',
  '{"type":"req","id":5,"method":"health"}',
  '{"type":"req","id":"","method":"health"}',
  '{"type":"req","id":"x","method":""}',
  '{"type":"req","id":"x","method":7}',
  '{"type":"req","id":"x","method":"health","params":"not an object"}',
  '{"type":"req","id":"x","method":"health","traceparent":{"a":1}}',
  '{"type":"req","id":{"toString":1},"method":"health"}',
  '{"__proto__":{"polluted":true},"type":"req","id":"p","method":"health","constructor":{"prototype":{"polluted":true}}}',
  '{"type":"req","id":"dup","id":"dup2","method":"health","method":"status"}',
  '\ufeff{"type":"req","id":"bom","method":"health"}',
  '{"type":"req","id":"n","method":"health","params":{"n":1e309,"m":-0,"k":123456789012345678901234567890,"s":"\\ud800\\u0000"}}',
  '',
  ' \n\t',
];

/** One level past what the gateway parses; shallower nesting is legal and must be answered. */
const JUST_TOO_DEEP = INBOUND_JSON_LIMITS.maxDepth + 1;

const bigTextCache = new Map<number, string>();

/** Long runs of one character are built once per size: a fuzz run sends the same sizes many times. */
function filler(length: number): string {
  let text = bigTextCache.get(length);
  if (text === undefined) {
    text = 'x'.repeat(Math.max(0, length));
    if (length > 1_000_000) bigTextCache.set(length, text);
  }
  return text;
}

function randomText(random: SeededRandom, length: number): string {
  let out = '';
  for (let index = 0; index < length; index += 1) out += PRINTABLE[random.int(0, PRINTABLE.length - 1)];
  return out;
}

function randomJson(random: SeededRandom, depth: number): unknown {
  const kind = depth <= 0 ? random.int(0, 3) : random.int(0, 5);
  switch (kind) {
    case 0:
      return random.pick([null, true, false, 0, -1, 1e308, 0.5, Number.MAX_SAFE_INTEGER]);
    case 1:
      return randomText(random, random.int(0, 40));
    case 2:
      return random.int(-1_000_000, 1_000_000);
    case 3:
      return random.pick(['', '__proto__', 'constructor', '../../etc/passwd', '\u0000', '\ud83d']);
    case 4:
      return Array.from({ length: random.int(0, 5) }, () => randomJson(random, depth - 1));
    default: {
      const value: Record<string, unknown> = {};
      for (let index = random.int(0, 5); index > 0; index -= 1) value[randomText(random, random.int(1, 12))] = randomJson(random, depth - 1);
      return value;
    }
  }
}

function request(random: SeededRandom, method: string, params?: unknown): string {
  const id = `f${random.int(0, 1_000_000)}`;
  return JSON.stringify(params === undefined ? { type: 'req', id, method } : { type: 'req', id, method, params });
}

/** Nested `[[[…]]]` or `{"a":{"a":…}}` `depth` levels deep, optionally left unclosed. */
function nested(depth: number, objects: boolean, closed: boolean): string {
  const open = objects ? '{"a":'.repeat(depth) : '['.repeat(depth);
  if (!closed) return open;
  return open + (objects ? '1' : '') + (objects ? '}' : ']').repeat(depth);
}

/** A request whose string param makes the whole frame exactly `bytes` long (ASCII, so bytes = chars). */
function frameOfSize(bytes: number): string {
  const head = '{"type":"req","id":"big","method":"health","params":{"s":"';
  const tail = '"}}';
  return head + filler(bytes - head.length - tail.length) + tail;
}

/** `{"…","params":{"a":[0,0,0,…]}}` filling `bytes`: millions of values from one frame. */
function manyValues(bytes: number): string {
  const head = '{"type":"req","id":"wide","method":"health","params":{"a":[';
  const count = Math.floor((bytes - head.length - 4) / 2);
  let body = bigTextCache.get(-count);
  if (body === undefined) {
    body = '0,'.repeat(count - 1) + '0';
    bigTextCache.set(-count, body);
  }
  return `${head}${body}]}}`;
}

function withInvalidUtf8(random: SeededRandom): Buffer {
  const text = request(random, random.pick(READ_METHODS), { text: randomText(random, random.int(0, 30)) });
  const at = random.int(1, text.length - 2);
  return Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(random.pick(INVALID_UTF8)), Buffer.from(text.slice(at))]);
}

type Builder = (random: SeededRandom, limit: number) => Omit<FuzzFrame, 'kind'>;

const text = (data: string): Omit<FuzzFrame, 'kind'> => ({ data, binary: false, fragments: 1 });

/** Ordinary-sized attacks, each equally likely; the huge ones are chosen separately (see `malformedFrame`). */
const BUILDERS: readonly [string, Builder][] = [
  ['garbage-text', (random) => text(randomText(random, random.int(1, 2_000)))],
  ['truncated-json', (random) => {
    const full = request(random, random.pick(READ_METHODS), randomJson(random, 3));
    return text(full.slice(0, random.int(1, full.length - 1)));
  }],
  ['deep-array', (random, limit) => text(nested(random.pick([JUST_TOO_DEEP, 1_000, Math.floor(limit / 2) - 1]), false, random.chance(0.7)))],
  ['deep-object', (random, limit) => text(nested(random.pick([JUST_TOO_DEEP, 1_000, Math.floor(limit / 6) - 2]), true, random.chance(0.7)))],
  ['deep-params', (random, limit) => {
    const depth = random.pick([INBOUND_JSON_LIMITS.maxDepth - 4, JUST_TOO_DEEP, 5_000, Math.floor(limit / 2) - 80]);
    return text(`{"type":"req","id":"deep","method":"${random.pick(READ_METHODS)}","params":${nested(depth, false, true)}}`);
  }],
  ['huge-string', (random, limit) => text(frameOfSize(Math.min(limit, random.int(Math.floor(limit / 2), limit))))],
  ['at-limit', (_random, limit) => text(frameOfSize(limit))],
  ['over-limit', (random, limit) => text(frameOfSize(limit + random.int(1, 4_096)))],
  ['invalid-utf8', (random) => ({ data: withInvalidUtf8(random), binary: false, fragments: 1 })],
  ['binary-garbage', (random) => ({ data: random.bytes(random.int(1, 4_096)), binary: true, fragments: 1 })],
  ['binary-json', (random) => ({ data: Buffer.from(request(random, random.pick(READ_METHODS))), binary: true, fragments: 1 })],
  ['wrong-shape', (random) => text(random.pick(WRONG_SHAPES))],
  ['unknown-method', (random) => text(request(random, randomText(random, random.int(1, 60)), randomJson(random, 3)))],
  ['bad-params', (random) => text(request(random, random.pick(READ_METHODS), randomJson(random, 4)))],
  ['connect-garbage', (random) => text(request(random, 'connect', randomJson(random, 4)))],
  ['connect-wide', (random, limit) => {
    // Thousands of wrongly typed scopes: each one a schema error the gateway would have to describe.
    const client = '{"id":"fuzz","version":"1","platform":"linux","mode":"cli"}';
    const count = random.int(1_000, Math.floor(limit / 2) - 200);
    return text(`{"type":"req","id":"wide","method":"connect","params":{"minProtocol":3,"maxProtocol":3,"client":${client},"scopes":[${'0,'.repeat(count)}0]}}`);
  }],
  ['many-keys', (random, limit) => {
    const count = random.int(100, Math.floor(limit / 16));
    const keys = Array.from({ length: count }, (_, index) => `"k${index}":${index}`).join(',');
    return text(`{"type":"req","id":"keys","method":"health","params":{${keys}}}`);
  }],
  ['fragmented', (random) => ({ data: request(random, random.pick(READ_METHODS), randomJson(random, 2)), binary: random.chance(0.2), fragments: random.int(2, 200) })],
];

/**
 * One hostile frame. Before the handshake the limit is the pre-auth cap, so "huge" means 64 KiB;
 * after it, frames at and just over the advertised maxPayload come only with `hugeFrameChance`,
 * because each one at the limit is real work for the gateway (that is the point, but rarely).
 */
export function malformedFrame(random: SeededRandom, phase: FuzzPhase, limits: FrameLimits): FuzzFrame {
  const limit = phase === 'preauth' ? limits.preauthBytes : limits.postauthBytes;
  if (phase === 'postauth' && random.chance(limits.hugeFrameChance)) {
    const which = random.int(0, 2);
    if (which === 0) return { kind: 'over-limit-huge', ...text(frameOfSize(limit + random.int(1, 65_536))) };
    if (which === 1) return { kind: 'at-limit-huge', ...text(frameOfSize(limit)) };
    return { kind: 'many-values-huge', ...text(manyValues(limit)) };
  }
  // After the handshake the size attacks use the pre-auth cap (cheap to send, still real work);
  // frames at the advertised maxPayload come only through `hugeFrameChance` above.
  const [kind, build] = random.pick(BUILDERS);
  const frame = build(random, Math.min(limit, limits.preauthBytes));
  const sizedBelowLimit = phase === 'postauth' && (kind === 'at-limit' || kind === 'over-limit');
  return { kind: sizedBelowLimit ? `${kind}-of-preauth-cap` : kind, data: frame.data, binary: frame.binary, fragments: frame.fragments };
}

/** Splits a payload into `count` nearly equal parts for fragmented sending. */
export function fragmentsOf(data: string | Buffer, count: number): Buffer[] {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const parts = Math.max(1, Math.min(count, bytes.length));
  const size = Math.ceil(bytes.length / parts);
  const out: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) out.push(bytes.subarray(offset, offset + size));
  return out.length > 0 ? out : [bytes];
}
