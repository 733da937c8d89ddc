/**
 * The wizard channels' requests (`wizard:*`), as schemas: the renderer is untrusted input, so a
 * request is checked here before the gateway sees it. The gateway checks the answer's value
 * against its step; here it only has to be JSON of a sane size.
 */
import Type, { type Static } from 'typebox';
import { compileSchema } from '../../shared/protocol/validate.js';
import { BadRequestError } from '../requests/request-schemas.js';

const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' });
/** The longest answer the gateway takes is a 4,096-character text; lists of options are short. */
const MAX_ANSWER_JSON = 16_384;

const schemas = {
  'wizard:start': compileSchema(
    Type.Object({ flow: Type.Optional(Type.Union([Type.Literal('setup'), Type.Literal('channels')])) }, { additionalProperties: false }),
  ),
  'wizard:next': compileSchema(Type.Object({ sessionId: Id, stepId: Id, value: Type.Optional(Type.Unknown()) }, { additionalProperties: false })),
  'wizard:cancel': compileSchema(Type.Object({ sessionId: Id }, { additionalProperties: false })),
  'wizard:status': compileSchema(Type.Object({ sessionId: Id }, { additionalProperties: false })),
};

type WizardChannel = keyof typeof schemas;
type WizardRequest<C extends WizardChannel> = Static<(typeof schemas)[C]['schema']>;

function jsonSize(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** The request, checked; a BadRequestError naming what is wrong otherwise. */
export function parseWizardRequest<C extends WizardChannel>(channel: C, raw: unknown): WizardRequest<C> {
  const schema = schemas[channel];
  if (!schema.check(raw)) throw new BadRequestError(channel, schema.firstError(raw) ?? 'invalid request');
  if (channel === 'wizard:next' && jsonSize((raw as { value?: unknown }).value) > MAX_ANSWER_JSON) {
    throw new BadRequestError(channel, `the answer is larger than ${MAX_ANSWER_JSON} characters of JSON`);
  }
  return raw as WizardRequest<C>;
}
