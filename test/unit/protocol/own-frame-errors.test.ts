import { describe, expect, it } from 'vitest';
import { ownFrameErrors } from '../../helpers/own-schemas.js';

// The check every RawClient runs on what it receives (test/helpers/protocol-conformance.ts).
describe('frames checked against our own protocol schemas', () => {
  it('checks a response by the method of the request it answers', () => {
    const frame = { type: 'res', id: 't-1', ok: true, payload: { ok: true, aborted: 'yes', runIds: [] } };
    expect(ownFrameErrors(frame, { method: 'chat.abort' })).toEqual([expect.stringContaining('chat.abort result')]);
    expect(ownFrameErrors({ ...frame, payload: { ok: true, aborted: false, runIds: [] } }, { method: 'chat.abort' })).toEqual([]);
  });

  it('checks a two-phase ack against the ack schema and the final answer against the result', () => {
    const ack = { type: 'res', id: 't-1', ok: true, payload: { runId: 'r1', status: 'accepted', acceptedAt: 1 } };
    expect(ownFrameErrors(ack, { method: 'agent' })).toEqual([]);
    expect(ownFrameErrors({ ...ack, payload: { runId: 'r1', status: 'accepted' } }, { method: 'agent' })).not.toEqual([]);
    expect(ownFrameErrors({ ...ack, payload: { runId: 'r1', status: 'done' } }, { method: 'agent' })).not.toEqual([]);
  });

  it('checks event payloads, and leaves errors and undescribed frames alone', () => {
    expect(ownFrameErrors({ type: 'event', event: 'tick', payload: { ts: 1 } })).toEqual([]);
    expect(ownFrameErrors({ type: 'event', event: 'tick', payload: {} })).toEqual([expect.stringContaining('event tick')]);
    expect(ownFrameErrors({ type: 'res', id: 't-1', ok: false, error: { code: 'INVALID_REQUEST' } }, { method: 'chat.abort' })).toEqual([]);
    expect(ownFrameErrors({ type: 'res', id: 't-1', ok: true, payload: 1 }, { method: 'no.such.method' })).toEqual([]);
  });
});
