import type { StateVersion } from '../../../shared/protocol/frames.js';

/** The two monotonically increasing counters of spec §3.3. */
export class StateVersions {
  private presence = 0;
  private health = 0;

  bumpPresence(): StateVersion {
    this.presence += 1;
    return this.current();
  }

  bumpHealth(): StateVersion {
    this.health += 1;
    return this.current();
  }

  current(): StateVersion {
    return { presence: this.presence, health: this.health };
  }
}
