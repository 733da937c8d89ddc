import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { startDiscordFake, startTelegramFake, type RunningChatFake } from './chat-fakes.js';
import type { FakeCommand, FakeEvent, FakeKind, FakeThreadData } from './fake-thread.js';
import { ModelStubServer } from './model-stub.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The model stand-in: each bench message's timing goes to the parent as it is known. */
async function runModel(port: MessagePort, post: (event: FakeEvent) => void): Promise<void> {
  const server = await ModelStubServer.start((id, timing) => post({ type: 'timing', id, ...timing }));
  port.on('message', (command: FakeCommand) => {
    if (command.type === 'close') void server.stop().then(() => post({ type: 'result', id: command.id }));
  });
  post({ type: 'ready', baseUrl: server.baseUrl });
}

/** A chat fake: the parent says who writes what; the fake says when it handed it over and when a reply came. */
async function runChat(kind: 'telegram' | 'discord', port: MessagePort, post: (event: FakeEvent) => void): Promise<void> {
  const fake: RunningChatFake = kind === 'telegram' ? await startTelegramFake() : await startDiscordFake();
  fake.onReply((text, at) => post({ type: 'reply', text, at }));
  fake.onDelivered((text, at) => post({ type: 'delivered', text, at }));
  port.on('message', (command: FakeCommand) => {
    switch (command.type) {
      case 'send':
        fake.send(command.chat, command.text);
        return;
      case 'clear':
        fake.clear();
        return;
      case 'connected':
        fake.connected(command.timeoutMs).then(
          () => post({ type: 'result', id: command.id }),
          (error: unknown) => post({ type: 'result', id: command.id, error: messageOf(error) }),
        );
        return;
      case 'close':
        void fake.close().then(() => post({ type: 'result', id: command.id }));
        return;
    }
  });
  post({ type: 'ready', channel: fake.channel, configBlock: fake.configBlock });
}

/** The body of a stand-in's thread (fake-thread.ts starts it with this file as the entry). */
function runFakeThread(kind: FakeKind, port: MessagePort): void {
  const post = (event: FakeEvent) => port.postMessage(event);
  const started = kind === 'model' ? runModel(port, post) : runChat(kind, port, post);
  started.catch((error: unknown) => post({ type: 'failed', message: messageOf(error) }));
}

const data = workerData as Partial<FakeThreadData> | null;
if (!isMainThread && parentPort && data?.channelsFakeThread === true && data.kind) runFakeThread(data.kind, parentPort);
