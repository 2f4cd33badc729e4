import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Outlet } from '../../api/types';
import { defaultOutlet } from './components/OutletSelect';

/**
 * A page's choices kept in the URL query string, and the outlet it shows: who may pick any
 * outlet (`anyOutlet`: head office) picks one (the first outlet until they choose); everyone
 * else is pinned to their own (undefined: the API's default).
 */
export function useOutletParam(anyOutlet: boolean, outlets: Outlet[] | null) {
  const [params, setParams] = useSearchParams();
  const setParam = useCallback(
    (key: string, value: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set(key, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const outletParam = params.get('outlet') ?? undefined;

  useEffect(() => {
    if (anyOutlet && !outletParam && outlets) {
      const first = defaultOutlet(outlets);
      if (first) setParam('outlet', first);
    }
  }, [anyOutlet, outletParam, outlets, setParam]);

  return { params, setParam, outletParam, outlet: anyOutlet ? outletParam : undefined };
}
