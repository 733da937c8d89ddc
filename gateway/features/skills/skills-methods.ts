import { SkillsBinsParams } from '../../../shared/protocol/nodes/params.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import { METHOD_RESULTS } from '../../../shared/protocol/result-schemas.js';

/** The skills family; only the node-role helper exists until skills do. */
export function skillsMethods(): MethodDefinition[] {
  return [
    defineMethod({
      name: 'skills.bins',
      params: SkillsBinsParams,
      result: METHOD_RESULTS['skills.bins'],
      // Executables a node may auto-allow for skills. No skills are installed, so: none.
      handler: () => ({ bins: [] as string[] }),
    }),
  ];
}
