import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Outlet } from '../api/types';
import { defaultOutlet } from '../components/OutletSelect';

/**
 * A page's choices kept in the URL query string, and the outlet it shows: head office picks
 * one (the first outlet until they choose); everyone else is pinned to their own (undefined).
 */
export function useOutletParam(headOffice: boolean, outlets: Outlet[] | null) {
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
    if (headOffice && !outletParam && outlets) {
      const first = defaultOutlet(outlets);
      if (first) setParam('outlet', first);
    }
  }, [headOffice, outletParam, outlets, setParam]);

  return { params, setParam, outletParam, outlet: headOffice ? outletParam : undefined };
}
