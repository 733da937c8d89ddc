import { describe, expect, it } from 'vitest';
import type { EventBus, FramePart } from '../../../gateway/core/events/event-bus.js';
import type { RunStreamEvent } from '../../../gateway/agent/active-run.js';
import { RunEvents, type OutboundTextFilter } from '../../../gateway/agent/run-events.js';
import { visibleHeartbeatText } from '../../../gateway/features/heartbeat/heartbeat-ack.js';

/** A frame's pieces joined, as its bytes reach a client. */
function joined(parts: readonly FramePart[]): string {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part))).toString('utf8');
}

/**
 * A bus that records what would go out: the serialised per-token frames and the other events.
 * While `listening` is false, a per-token frame has no recipient and is not serialised.
 */
function recordingBus() {
  const sent: { event: string; payload: Record<string, any> }[] = [];
  let serialisations = 0;
  const state = { listening: true };
  const bus = {
    broadcast: (event: string, payload: Record<string, any>) => {
      sent.push({ event, payload });
      return 1;
    },
    broadcastSerialised: (event: string, serialise: () => readonly FramePart[]) => {
      if (!state.listening) return 0;
      serialisations += 1;
      sent.push({ event, payload: JSON.parse(joined(serialise())) as Record<string, any> });
      return 1;
    },
  };
  return { bus: bus as unknown as EventBus, sent, serialisations: () => serialisations, state };
}

const run = { runId: 'run-1', sessionKey: 'agent:main:main', agentId: 'main' };

/** Streams `chunks` as the agent turn does (cumulative text, newest chunk), then the final chat event. */
function stream(events: RunEvents, chunks: string[]): void {
  let text = '';
  for (const chunk of chunks) {
    text += chunk;
    events.assistantDelta(text, chunk);
  }
  events.chat('final', { text, stopReason: 'stop' });
}

describe('RunEvents without a filter', () => {
  it('sends every chunk as it came, the agent event and the chat delta numbered alike', () => {
    const { bus, sent } = recordingBus();
    stream(new RunEvents(bus, run), ['Hello', ', world']);
    expect(sent.map(({ event, payload }) => [event, payload.seq, payload.data?.delta ?? payload.deltaText ?? payload.state])).toEqual([
      ['agent', 1, 'Hello'],
      ['chat', 1, 'Hello'],
      ['agent', 2, ', world'],
      ['chat', 2, ', world'],
      ['chat', 2, 'final'],
    ]);
    expect(sent.some(({ payload }) => 'replace' in payload)).toBe(false);
  });
});

describe('RunEvents: the reply so far in every token frame', () => {
  const texts = (sent: { event: string; payload: Record<string, any> }[]) =>
    sent.filter(({ payload }) => payload.state === 'delta' || payload.stream === 'assistant').map(({ event, payload }) => [event, payload.data?.text ?? payload.message.content[0].text]);

  it('carries quotes, backslashes, control characters and non-ASCII text exactly, a surrogate pair split between chunks included', () => {
    const { bus, sent } = recordingBus();
    const chunks = ['He said "hi"', ' \\ path\n', '\u0001\t', ' é ü ß ', '漢字 ', '\ud83d', '\ude00 done'];
    stream(new RunEvents(bus, run), chunks);
    let text = '';
    const expected: [string, string][] = [];
    for (const chunk of chunks) {
      text += chunk;
      expected.push(['agent', text], ['chat', text]);
    }
    expect(texts(sent)).toEqual(expected);
    expect(text).toContain('😀');
  });

  it('catches up on the chunks sent while nobody could receive them', () => {
    const { bus, sent, state } = recordingBus();
    const events = new RunEvents(bus, run);
    events.assistantDelta('one', 'one');
    state.listening = false;
    events.assistantDelta('one two', ' two');
    events.assistantDelta('one two\n\nthree', 'three');
    state.listening = true;
    events.assistantDelta('one two\n\nthree four', ' four');
    expect(texts(sent)).toEqual([
      ['agent', 'one'],
      ['chat', 'one'],
      ['agent', 'one two\n\nthree four'],
      ['chat', 'one two\n\nthree four'],
    ]);
  });

  it('keeps the text of frames already handed out when later chunks grow it past its buffer', () => {
    const parts: FramePart[][] = [];
    const bus = { broadcastSerialised: (_event: string, serialise: () => readonly FramePart[]) => (parts.push([...serialise()]), 1) } as unknown as EventBus;
    const events = new RunEvents(bus, run);
    const expected: string[] = [];
    let text = '';
    for (let index = 0; index < 6; index += 1) {
      const chunk = String(index).repeat(700);
      text += chunk;
      expected.push(text);
      events.assistantDelta(text, chunk);
    }
    // Read only now, after every later chunk was written.
    const agentTexts = parts.filter((_, index) => index % 2 === 0).map((frame) => (JSON.parse(joined(frame)) as { data: { text: string } }).data.text);
    expect(agentTexts).toEqual(expected);
  });
});

describe('RunEvents with a visible-text filter (a heartbeat turn)', () => {
  const heartbeat: OutboundTextFilter = visibleHeartbeatText;

  it('never shows the acknowledgement, whole or in pieces', () => {
    const { bus, sent } = recordingBus();
    stream(new RunEvents(bus, run, undefined, heartbeat), ['HEART', 'BEAT', '_OK']);
    expect(sent.filter(({ payload }) => payload.state === 'delta' || payload.stream === 'assistant')).toEqual([]);
    const final = sent.find(({ payload }) => payload.state === 'final');
    expect(final?.payload.message.content[0].text).toBe('');
    expect(JSON.stringify(sent)).not.toContain('HEART');
  });

  it('shows an alert as it streams, holding back a token that forms at its end', () => {
    const { bus, sent } = recordingBus();
    stream(new RunEvents(bus, run, undefined, heartbeat), ['Build ', 'is red. ', 'HEART', 'BEAT_OK']);
    const deltas = sent.filter(({ event, payload }) => event === 'chat' && payload.state === 'delta').map(({ payload }) => [payload.message.content[0].text, payload.deltaText]);
    expect(deltas).toEqual([
      ['Build', 'Build'],
      ['Build is red.', ' is red.'],
    ]);
    const assistant = sent.filter(({ payload }) => payload.stream === 'assistant').map(({ payload }) => payload.seq);
    expect(assistant).toEqual([1, 2]);
    expect(sent.find(({ payload }) => payload.state === 'final')?.payload.message.content[0].text).toBe('Build is red.');
    expect(JSON.stringify(sent)).not.toContain('HEART');
  });

  it('replaces the shown text when the filter takes some back, and marks the chat delta', () => {
    const { bus, sent } = recordingBus();
    // A filter that hides a trailing "!!" only once it is complete: the text shrinks.
    const filter: OutboundTextFilter = (text) => text.replace(/!!$/, '');
    stream(new RunEvents(bus, run, undefined, filter), ['Alert!', '!']);
    const deltas = sent.filter(({ event, payload }) => event === 'chat' && payload.state === 'delta').map(({ payload }) => payload);
    expect(deltas.map((payload) => [payload.deltaText, payload.replace])).toEqual([
      ['Alert!', undefined],
      ['Alert', true],
    ]);
  });

  it('gives the run followers the visible text too, and applies the filter to aborted and error text', () => {
    const { bus, sent } = recordingBus();
    const seen: RunStreamEvent[] = [];
    const events = new RunEvents(bus, run, { observed: true, emit: (event) => seen.push(event) }, heartbeat);
    events.assistantDelta('HEARTBEAT_OK', 'HEARTBEAT_OK');
    events.assistantDelta('HEARTBEAT_OK Disk full', ' Disk full');
    events.chat('aborted', { text: 'HEARTBEAT_OK Disk full', stopReason: 'aborted' });
    events.chat('error', { text: 'Disk full HEARTBEAT_OK', errorMessage: 'boom', errorKind: 'unknown', errorDetail: {} });
    expect(seen).toEqual([{ kind: 'text', text: 'Disk full', delta: 'Disk full' }]);
    expect(sent.filter(({ payload }) => payload.state === 'aborted' || payload.state === 'error').map(({ payload }) => payload.message.content[0].text)).toEqual(['Disk full', 'Disk full']);
  });

  it('does no per-chunk work for a run without a filter beyond the one serialisation per frame', () => {
    const { bus, serialisations } = recordingBus();
    const events = new RunEvents(bus, run);
    events.assistantDelta('a', 'a');
    events.assistantDelta('ab', 'b');
    expect(serialisations()).toBe(4);
  });
});
