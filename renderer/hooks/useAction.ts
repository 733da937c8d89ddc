import { useCallback, useRef, useState } from 'react';
import type { ActionResult } from '../../shared/ipc/contract';
import { errorMessage } from '../format/error-message';
import { strings } from '../strings';

export interface ActionState<K extends string> {
  /** Which action is running, if any. */
  pending: K | undefined;
  /** Why the last action failed, until the next one starts. */
  failure: string | undefined;
  /** Runs one action at a time; resolves to whether it succeeded. */
  run(key: K, action: () => Promise<ActionResult>): Promise<boolean>;
  clearFailure(): void;
}

/**
 * Buttons that ask main to do something: one request at a time, the button shows it is busy,
 * and a refusal (`ok: false`) or a failed call shows the reason.
 */
export function useAction<K extends string>(fallbackMessage: string = strings.common.actionFailed): ActionState<K> {
  const [pending, setPending] = useState<K | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const busy = useRef(false);

  const run = useCallback(
    async (key: K, action: () => Promise<ActionResult>): Promise<boolean> => {
      if (busy.current) return false;
      busy.current = true;
      setPending(key);
      setFailure(undefined);
      try {
        const result = await action();
        if (result?.ok === true) return true;
        setFailure(result?.message || fallbackMessage);
        return false;
      } catch (error) {
        setFailure(errorMessage(error, fallbackMessage));
        return false;
      } finally {
        busy.current = false;
        setPending(undefined);
      }
    },
    [fallbackMessage],
  );

  const clearFailure = useCallback(() => setFailure(undefined), []);
  return { pending, failure, run, clearFailure };
}
