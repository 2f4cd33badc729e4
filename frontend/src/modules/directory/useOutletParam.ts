import { useEffect } from 'react';
import type { Outlet } from '../../api/types';
import { useUrlParams } from '../../utils/useUrlParams';
import { defaultOutlet } from './components/OutletSelect';

/**
 * A page's choices kept in the URL query string (`utils/useUrlParams`), and the outlet it shows:
 * who may pick any outlet (`anyOutlet`: head office) picks one (the first outlet until they
 * choose); everyone else is pinned to their own (undefined: the API's default).
 */
export function useOutletParam(anyOutlet: boolean, outlets: Outlet[] | null) {
  const { params, setParam } = useUrlParams();
  const outletParam = params.get('outlet') ?? undefined;

  useEffect(() => {
    if (anyOutlet && !outletParam && outlets) {
      const first = defaultOutlet(outlets);
      if (first) setParam('outlet', first);
    }
  }, [anyOutlet, outletParam, outlets, setParam]);

  return { params, setParam, outletParam, outlet: anyOutlet ? outletParam : undefined };
}
