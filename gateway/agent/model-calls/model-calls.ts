import type { ModelCallEnd, ModelCallPart, ModelCallRequest } from './model-call-types.js';

/** How the turn makes model calls: parts as they stream (never a throw), then how the call ended. */
export interface ModelCalls {
  call(request: ModelCallRequest, signal: AbortSignal, onPart: (part: ModelCallPart) => void): Promise<ModelCallEnd>;
}

/** The model-call module, imported once: a repeated `import()` still goes through the module loader on every call. */
let modelCallModule: Promise<typeof import('./run-model-call.js')> | undefined;

/**
 * Model calls on this event loop. The AI SDK is loaded with the first call, not at start-up: an
 * idle gateway stays small and quick to start.
 */
export const inProcessModelCalls: ModelCalls = {
  async call(request, signal, onPart) {
    modelCallModule ??= import('./run-model-call.js');
    const { runModelCall } = await modelCallModule.catch((error: unknown) => {
      // A failed load (a chunk replaced under a running gateway) is tried again by the next call.
      modelCallModule = undefined;
      throw error;
    });
    return runModelCall(request, signal, onPart);
  },
};
