import { agentFeature } from '../features/agent/index.js';
import { channelsFeature } from '../features/channels/index.js';
import { chatFeature } from '../features/chat/index.js';
import { configFeature } from '../features/config/index.js';
import { controlUiFeature } from '../features/control-ui/index.js';
import { cronFeature } from '../features/cron/index.js';
import { devicesFeature } from '../features/devices/index.js';
import { execApprovalsFeature } from '../features/exec-approvals/index.js';
import { healthFeature } from '../features/health/index.js';
import { heartbeatFeature } from '../features/heartbeat/index.js';
import { logsFeature } from '../features/logs/index.js';
import { modelsFeature } from '../features/models/index.js';
import { nodesFeature } from '../features/nodes/index.js';
import { sessionsFeature } from '../features/sessions/index.js';
import { skillsFeature } from '../features/skills/index.js';
import { systemFeature } from '../features/system/index.js';
import { usageFeature } from '../features/usage/index.js';
import { browserFeature } from '../features/browser/index.js';
import { talkFeature } from '../features/talk/index.js';
import { ttsFeature } from '../features/tts/index.js';
import { updateFeature } from '../features/update/index.js';
import { voicewakeFeature } from '../features/voicewake/index.js';
import { wizardFeature } from '../features/wizard/index.js';
import type { GatewayFeatureModule } from './feature-context.js';

/**
 * Every feature this gateway runs, in start order (stopped in reverse). A method no feature
 * serves answers "unknown method"; adding a family is one folder and one line here.
 */
export const FEATURES: readonly GatewayFeatureModule[] = [
  healthFeature,
  logsFeature,
  systemFeature,
  configFeature,
  devicesFeature,
  agentFeature,
  chatFeature,
  execApprovalsFeature,
  sessionsFeature,
  modelsFeature,
  usageFeature,
  nodesFeature,
  skillsFeature,
  heartbeatFeature,
  cronFeature,
  channelsFeature,
  voicewakeFeature,
  talkFeature,
  ttsFeature,
  updateFeature,
  browserFeature,
  wizardFeature,
  controlUiFeature,
];
