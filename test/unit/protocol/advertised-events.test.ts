import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHelloOk } from '../../../gateway/core/server/hello-ok.js';
import { GATEWAY_EVENTS } from '../../../shared/protocol/events.js';

const GATEWAY_DIR = resolve(import.meta.dirname, '../../../gateway');

// Every way gateway code puts an event on the wire: the bus, the node channel, and the
// challenge frame written by hand before a connection has a session.
const PUBLISH_PATTERNS = [
  /\b(?:broadcast|broadcastSerialised|sendDirectEvent)\(\s*'([^']+)'/g,
  /\bdeliverToNode\([^,]+,\s*'([^']+)'/g,
  /type: 'event', event: '([^']+)'/g,
];

function publishedEvents(): Set<string> {
  const names = new Set<string>();
  const files = readdirSync(GATEWAY_DIR, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  for (const file of files) {
    const source = readFileSync(join(GATEWAY_DIR, file), 'utf8');
    for (const pattern of PUBLISH_PATTERNS) for (const match of source.matchAll(pattern)) names.add(match[1] ?? '');
  }
  return names;
}

describe('hello-ok features.events', () => {
  it('lists exactly the events some gateway code publishes', () => {
    expect([...publishedEvents()].sort()).toEqual([...GATEWAY_EVENTS].sort());
  });

  it('promises exactly the events with a publisher (talk.mode and voicewake.changed since the voice features)', () => {
    const hello = buildHelloOk(
      { protocol: 3, role: 'operator', scopes: ['operator.admin'], authMethod: 'token', clientAddress: '127.0.0.1' },
      {
        version: '0.0.0', bootId: 'boot', host: 'host', connId: 'conn', methods: [], presence: [], health: {},
        stateVersion: { presence: 0, health: 0 }, uptimeMs: 0, configPath: '/c', stateDir: '/s',
        defaultAgentId: null, sessionScope: 'per-sender', authMode: 'token', maxBufferedBytes: 1,
      },
    );
    expect(hello.features.events).toEqual([...GATEWAY_EVENTS]);
    expect(hello.features.events).toEqual(expect.arrayContaining(['talk.mode', 'voicewake.changed']));
  });
});
