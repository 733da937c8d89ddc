import { describe, expect, it } from 'vitest';
import { parseStoredRequest, storedRequestOf, UNNAMED_TEXT_FILTER } from '../../../gateway/agent/stored-run-request.js';

// What a run keeps for a restart: besides the message, its text filter's name and its delivery target.

describe('stored run requests', () => {
  it('keep the text filter name and the delivery target through the store', () => {
    const stored = storedRequestOf(
      { kind: 'agent', runId: 'r1', message: 'hi', attachments: [], deliver: { sessionKey: 'agent:main:main', channel: 'telegram', to: '42' } },
      'heartbeat',
    );
    expect(parseStoredRequest(JSON.parse(JSON.stringify(stored)))).toEqual({
      message: 'hi',
      attachments: [],
      visibleText: 'heartbeat',
      deliver: { sessionKey: 'agent:main:main', channel: 'telegram', to: '42' },
    });
  });

  it('keep an unnamed filter as such, so the resumed run withholds its text', () => {
    const stored = storedRequestOf({ kind: 'agent', runId: 'r2', message: 'hi', attachments: [] }, UNNAMED_TEXT_FILTER);
    expect(parseStoredRequest(stored)?.visibleText).toBe(UNNAMED_TEXT_FILTER);
  });

  it('drop a damaged delivery target instead of delivering somewhere else', () => {
    expect(parseStoredRequest({ message: 'hi', attachments: [], deliver: { channel: 'telegram' } })).toEqual({ message: 'hi', attachments: [] });
    expect(parseStoredRequest({ message: 'hi', attachments: [], deliver: 'telegram' })).toEqual({ message: 'hi', attachments: [] });
  });

  it('read rows written before these fields existed', () => {
    expect(parseStoredRequest({ message: 'hi', attachments: [] })).toEqual({ message: 'hi', attachments: [] });
  });
});
