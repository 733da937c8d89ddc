import { useCallback, useEffect, useRef, useState } from 'react';
import { describeFailure } from '../../client/describe-failure';

export interface GatewayRead<T> {
  value: T | undefined;
  problem: string | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * One read of the gateway for a page: loaded on open and again on `reload`; a failure keeps the
 * last good value on screen and says what went wrong. A late answer to an older read is dropped.
 */
export function useGatewayRead<T>(read: () => Promise<T>): GatewayRead<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const next = await read();
      if (mine !== generation.current) return;
      setValue(next);
      setProblem(undefined);
    } catch (error) {
      if (mine === generation.current) setProblem(describeFailure(error));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [read]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { value, problem, loading, reload };
}
