import Type, { type Static } from 'typebox';

// Results of the wizard family (openclaw-families.md §4). A step is one prompt of the running
// script; notes are steps too, answered with `{stepId}` alone.

export const WIZARD_STEP_TYPES = ['note', 'select', 'text', 'confirm', 'multiselect', 'progress', 'action'] as const;
export type WizardStepType = (typeof WIZARD_STEP_TYPES)[number];

export const WizardStatusSchema = Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('cancelled'), Type.Literal('error')]);
export type WizardStatus = Static<typeof WizardStatusSchema>;

export const WizardOptionSchema = Type.Object(
  { value: Type.Unknown(), label: Type.String({ minLength: 1 }), hint: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

export const WizardStepSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    type: Type.Union([
      Type.Literal('note'),
      Type.Literal('select'),
      Type.Literal('text'),
      Type.Literal('confirm'),
      Type.Literal('multiselect'),
      Type.Literal('progress'),
      Type.Literal('action'),
    ]),
    title: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
    options: Type.Optional(Type.Array(WizardOptionSchema)),
    initialValue: Type.Optional(Type.Unknown()),
    placeholder: Type.Optional(Type.String()),
    /** Typed input the client must not echo or keep (a key, a token). */
    sensitive: Type.Optional(Type.Boolean()),
    executor: Type.Optional(Type.Union([Type.Literal('gateway'), Type.Literal('client')])),
  },
  { additionalProperties: false },
);
export type WizardStep = Static<typeof WizardStepSchema>;

const progress = {
  done: Type.Boolean(),
  step: Type.Optional(WizardStepSchema),
  status: Type.Optional(WizardStatusSchema),
  error: Type.Optional(Type.String()),
};

export const WizardNextResultSchema = Type.Object(progress);
export type WizardNextResult = Static<typeof WizardNextResultSchema>;

export const WizardStartResultSchema = Type.Object({ sessionId: Type.String({ minLength: 1 }), ...progress });
export type WizardStartResult = Static<typeof WizardStartResultSchema>;

export const WizardStatusResultSchema = Type.Object({ status: WizardStatusSchema, error: Type.Optional(Type.String()) });
export type WizardStatusResult = Static<typeof WizardStatusResultSchema>;

export const WizardResults = {
  'wizard.start': WizardStartResultSchema,
  'wizard.next': WizardNextResultSchema,
  'wizard.cancel': WizardStatusResultSchema,
  'wizard.status': WizardStatusResultSchema,
} as const;
