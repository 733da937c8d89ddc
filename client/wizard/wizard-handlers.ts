/**
 * The wizard channels of the contract (`wizard:*`), one implementation for both hosts: the
 * tray's main process and the browser's bridge each hand over their own operator request. They
 * drive the gateway's setup wizard (wizard.start/next/cancel/status) and hand the view only the
 * steps, parsed with the protocol's result schemas; a refused answer comes back as `refused` so
 * the view can say why and keep the step.
 */
import type { InvokeResponse, WizardActionResult, WizardProgressView } from '../../shared/ipc/contract.js';
import { WizardNextResultSchema, WizardStartResultSchema, WizardStatusResultSchema, type WizardNextResult } from '../../shared/protocol/wizard/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';
import { describeFailure } from '../describe-failure.js';
import type { GatewayRequest } from '../gateway-request.js';
import { parsed } from '../parse-answer.js';
import { parseWizardRequest } from './wizard-requests.js';

type WizardChannel = 'wizard:start' | 'wizard:next' | 'wizard:cancel' | 'wizard:status';

export type WizardHandlers = { [C in WizardChannel]: (request: unknown) => Promise<InvokeResponse<C>> };

export interface WizardHandlerOptions {
  request: GatewayRequest;
  connected: () => boolean;
  /** The methods the connected gateway serves (hello-ok `features.methods`). */
  methods: () => readonly string[];
}

const startAnswer = compileSchema(WizardStartResultSchema);
const nextAnswer = compileSchema(WizardNextResultSchema);
const statusAnswer = compileSchema(WizardStatusResultSchema);

/** The wizard's own checks take longer than a plain request: the key check alone may take 8 s. */
const WIZARD_TIMEOUT_MS = 30_000;

const OFFLINE = 'Gatehouse is not connected to the gateway. Start the gateway or check the connection, then try again.';
const UNSUPPORTED = 'This gateway has no setup wizard (it does not serve wizard.start).';

/**
 * Is this the gateway refusing the answer itself (the step still waits)? The wizard says so
 * with INVALID_REQUEST and a message starting "wizard: " — except a step that is not pending.
 */
function refusedAnswer(error: unknown): string | undefined {
  const failure = error as { code?: unknown; gatewayCode?: unknown; message?: unknown } | null;
  const code = failure?.gatewayCode ?? failure?.code;
  const message = typeof failure?.message === 'string' ? failure.message : '';
  if (code !== 'INVALID_REQUEST' || !message.startsWith('wizard: ') || message === 'wizard: no pending step') return undefined;
  return message.slice('wizard: '.length);
}

function progressView(sessionId: string, answer: WizardNextResult): WizardProgressView {
  const { step } = answer;
  return {
    sessionId,
    done: answer.done,
    status: answer.status ?? (answer.done ? 'done' : 'running'),
    ...(step === undefined
      ? {}
      : {
          step: {
            id: step.id,
            type: step.type,
            ...(step.title === undefined ? {} : { title: step.title }),
            ...(step.message === undefined ? {} : { message: step.message }),
            ...(step.options === undefined ? {} : { options: step.options.map((option) => ({ value: option.value, label: option.label, ...(option.hint === undefined ? {} : { hint: option.hint }) })) }),
            ...(step.initialValue === undefined ? {} : { initialValue: step.initialValue }),
            ...(step.placeholder === undefined ? {} : { placeholder: step.placeholder }),
            ...(step.sensitive === undefined ? {} : { sensitive: step.sensitive }),
          },
        }),
    ...(answer.error === undefined ? {} : { error: answer.error }),
  };
}

export function wizardHandlers({ request, connected, methods }: WizardHandlerOptions): WizardHandlers {
  /** Runs a wizard call; offline, unsupported and failures become a failed result with a sentence. */
  const call = async (method: string, work: () => Promise<WizardActionResult>): Promise<WizardActionResult> => {
    if (!connected()) return { ok: false, message: OFFLINE };
    if (!methods().includes(method)) return { ok: false, message: UNSUPPORTED };
    try {
      return await work();
    } catch (error) {
      const refused = method === 'wizard.next' ? refusedAnswer(error) : undefined;
      return refused === undefined ? { ok: false, message: describeFailure(error) } : { ok: false, refused: true, message: refused };
    }
  };
  return {
    'wizard:start': async (raw) => {
      const { flow } = parseWizardRequest('wizard:start', raw);
      return call('wizard.start', async () => {
        const answer = parsed('wizard.start', startAnswer, await request('wizard.start', flow === undefined ? {} : { flow }, { timeoutMs: WIZARD_TIMEOUT_MS }));
        return { ok: true, progress: progressView(answer.sessionId, answer) };
      });
    },
    'wizard:next': async (raw) => {
      const { sessionId, stepId, value } = parseWizardRequest('wizard:next', raw);
      return call('wizard.next', async () => {
        const params = { sessionId, answer: value === undefined ? { stepId } : { stepId, value } };
        const answer = parsed('wizard.next', nextAnswer, await request('wizard.next', params, { timeoutMs: WIZARD_TIMEOUT_MS }));
        return { ok: true, progress: progressView(sessionId, answer) };
      });
    },
    'wizard:cancel': async (raw) => {
      const { sessionId } = parseWizardRequest('wizard:cancel', raw);
      return call('wizard.cancel', async () => {
        const answer = parsed('wizard.cancel', statusAnswer, await request('wizard.cancel', { sessionId }));
        return { ok: true, progress: { sessionId, done: true, status: answer.status, ...(answer.error === undefined ? {} : { error: answer.error }) } };
      });
    },
    'wizard:status': async (raw) => {
      const { sessionId } = parseWizardRequest('wizard:status', raw);
      return call('wizard.status', async () => {
        const answer = parsed('wizard.status', statusAnswer, await request('wizard.status', { sessionId }));
        return { ok: true, progress: { sessionId, done: answer.status !== 'running', status: answer.status, ...(answer.error === undefined ? {} : { error: answer.error }) } };
      });
    },
  };
}
