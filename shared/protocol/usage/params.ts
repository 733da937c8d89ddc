import Type from 'typebox';
import { compileParams } from '../validate.js';

// Spec methods.json `usage.status`, `usage.cost`. Dates are UTC calendar days.

export const MAX_COST_DAYS = 366;

const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', minLength: 10, maxLength: 10 });

export const UsageStatusParams = compileParams(Type.Object({}));

export const UsageCostParams = compileParams(
  Type.Object({
    startDate: Type.Optional(Day),
    endDate: Type.Optional(Day),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_COST_DAYS })),
    agentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  }),
);
