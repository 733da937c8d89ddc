/**
 * Events go only to the windows whose kind listens to them: a chat transcript never reaches the
 * logs window, an approval never reaches the chat window.
 */
import { describe, expect, it } from 'vitest';
import { broadcastEvent, type EventRecipient } from '../../../main/ipc/send-event.js';
import { eventChannels } from '../../../shared/ipc/channels.js';
import type { EventChannel } from '../../../shared/ipc/contract.js';
import { windowChannels } from '../../../shared/ipc/window-channels.js';
import { windowKinds, type WindowKind } from '../../../shared/ipc/window-kinds.js';

/** One open window of each kind, recording what main sends it. */
function openWindows() {
  const received = new Map<WindowKind, { channel: string; payload: unknown }[]>();
  const recipients: EventRecipient[] = windowKinds.map((kind) => {
    received.set(kind, []);
    return { kind, target: { send: (channel: string, payload: unknown) => received.get(kind)!.push({ channel, payload }) } };
  });
  return { recipients, received };
}

describe('broadcastEvent', () => {
  it('sends a chat event to the chat window alone', () => {
    const { recipients, received } = openWindows();
    const event = { sessionKey: 'main', runId: 'r-1', state: 'delta', text: 'secret plans' } as const;

    broadcastEvent(recipients, 'chat:event', event);

    expect(received.get('chat')).toEqual([{ channel: 'chat:event', payload: event }]);
    for (const kind of windowKinds.filter((other) => other !== 'chat')) expect(received.get(kind), kind).toEqual([]);
  });

  it('sends settings changes to the windows that show settings: settings, panel and onboarding', () => {
    const { recipients, received } = openWindows();

    broadcastEvent(recipients, 'settings:changed', {} as never);

    expect(windowKinds.filter((kind) => received.get(kind)!.length > 0).sort()).toEqual(['onboarding', 'panel', 'settings']);
  });

  it.each(eventChannels)('sends %s exactly to the kinds that list it', (channel: EventChannel) => {
    const { recipients, received } = openWindows();

    broadcastEvent(recipients, channel, {} as never);

    const listeners = windowKinds.filter((kind) => (windowChannels[kind].events as readonly string[]).includes(channel));
    expect(listeners.length).toBeGreaterThan(0);
    expect(windowKinds.filter((kind) => received.get(kind)!.length > 0)).toEqual(listeners);
  });

  it('sends nothing when no window of a listening kind is open', () => {
    const { recipients, received } = openWindows();

    broadcastEvent(
      recipients.filter((recipient) => recipient.kind !== 'logs'),
      'logs:line',
      'gateway started',
    );

    expect([...received.values()].flat()).toEqual([]);
  });
});
