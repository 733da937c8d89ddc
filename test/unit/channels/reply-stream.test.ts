import { describe, expect, it } from 'vitest';
import { ReplyStream, type ReplySink } from '../../../gateway/features/channels/reply-stream.js';

function sink(limit = 20) {
  const sent: string[] = [];
  const target: ReplySink = {
    limit,
    chunk: (text, size) => {
      const chunks: string[] = [];
      for (let at = 0; at < text.length; at += size) chunks.push(text.slice(at, at + size));
      return chunks;
    },
    send: async (text) => {
      sent.push(text);
    },
  };
  return { target, sent };
}

const text = (delta: string, whole: string) => ({ kind: 'text', delta, text: whole }) as const;
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a channel reply streamed from a run', () => {
  it('is sent when the model’s last step ends, before the run’s end is written, and not again at finish', async () => {
    const { target, sent } = sink();
    const stream = new ReplyStream(target);
    stream.observe(text('Hello ', 'Hello '));
    stream.observe(text('there', 'Hello there'));
    await settle();
    expect(sent).toEqual([]);
    stream.observe({ kind: 'reply-end' });
    await settle();
    expect(sent).toEqual(['Hello there']);
    await stream.finish('Hello there');
    expect(sent).toEqual(['Hello there']);
  });

  it('sends what streamed after a reply end (another step) at finish, and a failure note after it', async () => {
    const { target, sent } = sink();
    const stream = new ReplyStream(target);
    stream.observe(text('First.', 'First.'));
    stream.observe({ kind: 'reply-end' });
    stream.observe(text(' More.', 'First. More.'));
    await stream.finish('First. More.', 'The run stopped: timeout');
    expect(sent).toEqual(['First.', ' More.', 'The run stopped: timeout']);
  });

  it('without any streamed text, finish sends the run’s final text', async () => {
    const { target, sent } = sink();
    const stream = new ReplyStream(target);
    stream.observe({ kind: 'reply-end' });
    await stream.finish('Made up at the end');
    expect(sent).toEqual(['Made up at the end']);
  });
});
