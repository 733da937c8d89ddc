import type { ModelCallEnd, ModelCallPart, ModelCallRequest } from './model-call-types.js';

/** How the turn makes model calls: parts as they stream (never a throw), then how the call ended. */
export interface ModelCalls {
  call(request: ModelCallRequest, signal: AbortSignal, onPart: (part: ModelCallPart) => void): Promise<ModelCallEnd>;
}

/**
 * Model calls on this event loop. The AI SDK is loaded with the first call, not at start-up: an
 * idle gateway stays small and quick to start.
 */
export const inProcessModelCalls: ModelCalls = {
  async call(request, signal, onPart) {
    const { runModelCall } = await import('./run-model-call.js');
    return runModelCall(request, signal, onPart);
  },
};
