import { describe, expect, it } from 'vitest';
import { SystemEventsRepository } from '../../../gateway/agent/store/system-events-repository.js';
import { openDatabase } from '../../../gateway/core/store/database.js';

describe('queued system events of one session', () => {
  it('counts what takeForSession would hand that session, however many other sessions have queued', () => {
    const events = new SystemEventsRepository(openDatabase(':memory:'));
    for (let index = 0; index < 150; index += 1) events.enqueue({ ts: index, text: `other ${index}`, sessionKey: 'agent:other:main', source: 'test' });
    events.enqueue({ ts: 200, text: 'mine', sessionKey: 'agent:main:main', source: 'test' });
    events.enqueue({ ts: 201, text: 'for any main session', source: 'test' });
    expect(events.queuedCountFor('agent:main:main', true)).toBe(2);
    expect(events.queuedCountFor('agent:main:side', false)).toBe(0);
    expect(events.takeForSession('agent:main:main', true, 300).map((event) => event.text)).toEqual(['mine', 'for any main session']);
    expect(events.queuedCountFor('agent:main:main', true)).toBe(0);
  });
});
