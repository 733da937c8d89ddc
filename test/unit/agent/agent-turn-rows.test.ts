import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runAgentTurn, type TurnInput } from '../../../gateway/agent/agent-turn.js';
import type { ModelCallPart, ModelCallRequest } from '../../../gateway/agent/model-calls/model-call-types.js';
import type { ModelCalls } from '../../../gateway/agent/model-calls/model-calls.js';
import type { ResolvedModel } from '../../../gateway/agent/models/resolved-model.js';
import { RunEvents } from '../../../gateway/agent/run-events.js';
import type { GatewayStore } from '../../../gateway/agent/store/gateway-store.js';
import { EventBus } from '../../../gateway/core/events/event-bus.js';
import { tempStores } from '../../helpers/temp-store.js';

// Which transcript rows a turn writes itself and which it leaves to the caller: the rows of the
// step that ends the turn are written with the run's end, in one commit (AgentRuntime.complete).

const openStore = tempStores('agent-turn-');

const model = { ref: 'bench/m', providerId: 'bench', modelId: 'm' } as unknown as ResolvedModel;

function input(overrides: Partial<TurnInput> = {}): TurnInput {
  return {
    runId: 'run-1',
    sessionKey: 'agent:main:main',
    sessionId: 'session-1',
    agentId: 'main',
    message: 'hello',
    attachments: [],
    instructions: 'Be brief.',
    history: [],
    model,
    workspace: tmpdir(),
    ...overrides,
  };
}

const usage = { inputTokens: 3, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 5 };

/** Model calls that play one scripted step per call. */
function scripted(steps: ModelCallPart[][]): ModelCalls {
  let call = 0;
  return {
    call(_request: ModelCallRequest, _signal: AbortSignal, onPart: (part: ModelCallPart) => void) {
      for (const part of steps[call] ?? []) onPart(part);
      call += 1;
      return Promise.resolve({ aborted: false, assistant: { role: 'assistant', content: [{ type: 'text', text: 'step' }] } });
    },
  };
}

function turn(store: GatewayStore, modelCalls: ModelCalls, tools: Record<string, { description: string; inputSchema: Record<string, unknown>; execute: () => Promise<unknown> }> = {}) {
  const run = { runId: 'run-1', sessionKey: 'agent:main:main', agentId: 'main' };
  return runAgentTurn(input(), {
    store,
    events: new RunEvents(new EventBus({ recipients: () => [] }), run),
    signal: new AbortController().signal,
    abortKind: () => undefined,
    tools: { toolsFor: () => tools },
    modelCalls,
    progress: { text: '' },
  });
}

describe('the transcript rows of a turn', () => {
  it('leaves the reply of a turn that called no tool to the caller, with its stop reason and usage', async () => {
    const store = openStore();
    const { outcome, closingMessages } = await turn(store, scripted([[{ type: 'text', text: 'Hi' }, { type: 'finish', finishReason: 'stop', usage }]]));
    expect(outcome).toMatchObject({ status: 'ok', text: 'Hi', stopReason: 'stop', usage });
    expect(store.transcript.context('agent:main:main', 'session-1')).toEqual([]);
    expect(closingMessages).toEqual([
      expect.objectContaining({
        role: 'assistant',
        runId: 'run-1',
        content: [{ type: 'text', text: 'Hi' }],
        meta: { model: 'm', provider: 'bench', stopReason: 'stop', usage },
      }),
    ]);
  });

  it('writes a tool step at once and leaves only the step after it to the caller', async () => {
    const store = openStore();
    const tools = { echo: { description: 'echo', inputSchema: { type: 'object' }, execute: () => Promise.resolve({ echoed: true }) } };
    const { closingMessages } = await turn(
      store,
      scripted([
        [
          { type: 'tool-call', toolCallId: 'c1', toolName: 'echo', input: {}, invalid: false, providerExecuted: false },
          { type: 'finish', finishReason: 'tool-calls', usage },
        ],
        [{ type: 'text', text: 'Done' }, { type: 'finish', finishReason: 'stop' }],
      ]),
      tools,
    );
    const written = store.transcript.context('agent:main:main', 'session-1');
    expect(written.map((row) => [row.role, row.meta.stopReason])).toEqual([
      ['assistant', 'tool-calls'],
      ['tool', undefined],
    ]);
    expect(closingMessages).toEqual([expect.objectContaining({ role: 'assistant', content: [{ type: 'text', text: 'Done' }], meta: { model: 'm', provider: 'bench', stopReason: 'stop' } })]);
  });
});
