import Type from 'typebox';
import { compileParams } from '../validate.js';

// Params of the wizard family (protocol.md §18 wizard note; openclaw-families.md §4).

const SessionId = Type.String({ minLength: 1, maxLength: 128 });
const StepId = Type.String({ minLength: 1, maxLength: 128 });

export const WizardStartParams = compileParams(
  Type.Object({
    mode: Type.Optional(Type.Union([Type.Literal('local'), Type.Literal('remote')])),
    /** The agents' workspace folder the setup proposes. */
    workspace: Type.Optional(Type.String({ minLength: 1, maxLength: 1_024 })),
    /** `channels` runs only the chat-channel part of the setup. */
    flow: Type.Optional(Type.Union([Type.Literal('setup'), Type.Literal('channels')])),
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  }),
  { ignoredKeys: ['installDaemon'] },
);

/**
 * The real shape is `{sessionId, answer?:{stepId, value?}}`. Seed 000's `{stepId, response}`
 * (no sessionId) is accepted only while exactly one wizard runs.
 */
export const WizardNextParams = compileParams(
  Type.Object({
    sessionId: Type.Optional(SessionId),
    answer: Type.Optional(Type.Object({ stepId: StepId, value: Type.Optional(Type.Unknown()) })),
    stepId: Type.Optional(StepId),
    response: Type.Optional(Type.Unknown()),
  }),
);

/** `{sessionId}`; seed 000's `{}` only while exactly one wizard runs. */
export const WizardCancelParams = compileParams(Type.Object({ sessionId: Type.Optional(SessionId) }));

export const WizardStatusParams = compileParams(Type.Object({ sessionId: SessionId }));
