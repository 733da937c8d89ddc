import { ErrorCode, GatewayError, invalidRequest } from '../../../shared/protocol/error-codes.js';
import type { WizardSession } from './wizard-session.js';

/** A wizard nobody has touched for this long no longer blocks a new one. */
export const WIZARD_IDLE_MS = 30 * 60 * 1000;
/** Ended sessions kept for a last wizard.status; the oldest go first. */
const MAX_ENDED = 16;

function notFound(): GatewayError {
  return invalidRequest('wizard not found', { code: 'WIZARD_NOT_FOUND' });
}

/**
 * The wizard sessions of this process (openclaw-families.md §4): one may run at a time; an ended
 * one stays until its end has been read (wizard.next answering done, wizard.status, cancel).
 */
export class WizardRegistry {
  private readonly sessions = new Map<string, WizardSession>();

  running(): WizardSession | undefined {
    return [...this.sessions.values()].find((session) => session.status === 'running');
  }

  add(create: () => WizardSession): WizardSession {
    const running = this.running();
    if (running && running.idleMs() >= WIZARD_IDLE_MS) running.cancel();
    else if (running) throw new GatewayError(ErrorCode.unavailable, 'wizard already running', { retryable: false });
    const session = create();
    this.sessions.set(session.id, session);
    const ended = [...this.sessions.values()].filter((candidate) => candidate.status !== 'running');
    for (const old of ended.slice(0, Math.max(0, ended.length - MAX_ENDED))) this.sessions.delete(old.id);
    return session;
  }

  /** By id; without one (seed 000's shape) the single running session. */
  find(sessionId: string | undefined): WizardSession {
    if (sessionId !== undefined) {
      const session = this.sessions.get(sessionId);
      if (!session) throw notFound();
      return session;
    }
    const running = this.running();
    if (!running) throw notFound();
    return running;
  }

  forget(session: WizardSession): void {
    if (session.status !== 'running') this.sessions.delete(session.id);
  }

  cancelAll(): void {
    for (const session of this.sessions.values()) session.cancel();
    this.sessions.clear();
  }
}
