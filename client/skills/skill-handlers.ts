/**
 * The skills channels of the contract (`skills:*`), one implementation for both hosts: the
 * tray's main process and the browser's bridge each hand over their own operator request. The
 * renderer's requests are checked against their schemas before the gateway sees them.
 */
import type { InvokeResponse } from '../../shared/ipc/contract.js';
import { actionResult } from '../action-result.js';
import type { GatewayRequest } from '../gateway-request.js';
import { parseRequest } from '../requests/request-schemas.js';
import { installSkill, readSkills, setSkillEnabled } from './skills-service.js';

type SkillHandlerName = 'skills:status' | 'skills:setEnabled' | 'skills:install';

export type SkillHandlers = { [C in SkillHandlerName]: (request: unknown) => Promise<InvokeResponse<C>> };

export interface SkillHandlerOptions {
  request: GatewayRequest;
  connected: () => boolean;
  /** The methods the connected gateway serves (hello-ok `features.methods`). */
  methods: () => readonly string[];
}

export function skillHandlers({ request, connected, methods }: SkillHandlerOptions): SkillHandlers {
  return {
    'skills:status': async () => {
      if (!connected()) return { state: 'offline' };
      const served = methods();
      if (!served.includes('skills.status')) return { state: 'unsupported' };
      const status = await readSkills(request);
      return { state: 'ready', status, canUpdate: served.includes('skills.update'), canInstall: served.includes('skills.install') };
    },
    'skills:setEnabled': (raw) =>
      actionResult(async () => {
        const { skillKey, enabled } = parseRequest('skills:setEnabled', raw);
        await setSkillEnabled(request, skillKey, enabled);
        return { ok: true };
      }),
    'skills:install': async (raw) => {
      const { name, installId } = parseRequest('skills:install', raw);
      return installSkill(request, name, installId);
    },
  };
}
