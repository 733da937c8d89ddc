import { useCallback, useEffect, useState } from 'react';
import { hashFor, viewFromHash, type ViewName } from '../route';

/** The view named by the URL hash, following `hashchange`; `navigate` changes it in place. */
export function useHashRoute(): [ViewName, (view: ViewName) => void] {
  const [view, setView] = useState<ViewName>(() => viewFromHash(window.location.hash));
  useEffect(() => {
    const follow = (): void => setView(viewFromHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const navigate = useCallback((next: ViewName) => {
    window.location.hash = hashFor(next);
  }, []);
  return [view, navigate];
}
