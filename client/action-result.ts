import type { ActionResult } from '../shared/ipc/contract.js';
import { describeFailure } from './describe-failure.js';

/** Runs an action; whatever it throws becomes a failed ActionResult with a sentence a person can read. */
export async function actionResult(work: () => Promise<ActionResult> | ActionResult): Promise<ActionResult> {
  try {
    return await work();
  } catch (error) {
    return { ok: false, message: describeFailure(error) };
  }
}
