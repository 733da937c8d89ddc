import type { SkillsStatusResult } from '../protocol/skills/results.js';

// Derived from the protocol's result type (shared/protocol/skills/results.ts): the Skills list
// in the tray's Settings window and the Control UI's Skills page are the same view.

/**
 * `skills.status` as the Skills list shows it, and which changes the gateway serves; `offline`
 * while no gateway is connected, `unsupported` when it does not serve skills (the list hides).
 */
export type SkillsView =
  | {
      state: 'ready';
      status: SkillsStatusResult;
      /** `skills.update` is served: a skill can be enabled or disabled from the list. */
      canUpdate: boolean;
      /** `skills.install` is served: a missing tool can be installed from the list. */
      canInstall: boolean;
    }
  | { state: 'offline' }
  | { state: 'unsupported' };

/** What an install did, with the installer's own output either way. */
export interface SkillInstallView {
  ok: boolean;
  message: string;
  stdout?: string;
  stderr?: string;
}
