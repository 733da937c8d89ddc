import { describe, expect, it } from 'vitest';
import { reloadActionFor, restartRequired } from '../../../gateway/core/config/index.js';

describe('which changes need a restart (config.md §1.8)', () => {
  it.each([
    ['gateway.port', 'restart'],
    ['gateway.bind', 'restart'],
    ['gateway.customBindHost', 'restart'],
    ['gateway.auth.mode', 'restart'],
    ['gateway.tls.certPath', 'restart'],
    ['gateway.controlUi.basePath', 'restart'],
    ['gateway.controlUi.root', 'restart'],
    ['gateway.tailscale.mode', 'restart'],
    ['env.vars.OPENAI_API_KEY', 'restart'],
    ['gateway.auth.token', 'hot'],
    ['gateway.auth.password', 'hot'],
    ['gateway.auth.rateLimit.maxAttempts', 'hot'],
    ['gateway.trustedProxies', 'hot'],
    ['gateway.controlUi.enabled', 'hot'],
    ['gateway.controlUi.allowedOrigins', 'hot'],
    ['gateway.reload.mode', 'hot'],
    ['gateway.remote.url', 'hot'],
    ['secrets.providers.keys.path', 'hot'],
    ['models.providers.local.models', 'hot'],
    ['agents.defaults.heartbeat.every', 'hot'],
    ['session.dmScope', 'hot'],
    ['tools.exec.mode', 'hot'],
    ['approvals.exec.enabled', 'hot'],
    ['commands.ownerAllowFrom', 'hot'],
    ['logging.level', 'hot'],
    ['cron.enabled', 'hot'],
    ['channels.telegram.botToken', 'hot'],
    ['messages.tts.openai.apiKey', 'hot'],
    ['messages.tts.auto', 'hot'],
    ['talk.voiceId', 'hot'],
    ['browser.enabled', 'hot'],
    ['messages.queue.mode', 'none'],
    ['talk.realtime.provider', 'none'],
    ['browser.profiles', 'none'],
    ['meta.lastTouchedVersion', 'none'],
    ['$schema', 'none'],
    ['discovery.mdns.mode', 'none'],
    ['models.catalogRefresh.enabled', 'none'],
    ['agents.defaults.compaction.mode', 'none'],
    ['gateway.http.endpoints', 'none'],
    ['gateway.mode', 'restart'],
    ['gateway.publicOrigin', 'restart'],
    ['bindings', 'restart'],
  ])('%s → %s', (path, action) => {
    expect(reloadActionFor(path)).toBe(action);
  });

  it('a set of changes restarts when any one of them needs it', () => {
    expect(restartRequired(['logging.level', 'gateway.auth.token'])).toBe(false);
    expect(restartRequired(['logging.level', 'gateway.port'])).toBe(true);
    expect(restartRequired([])).toBe(false);
  });
});
