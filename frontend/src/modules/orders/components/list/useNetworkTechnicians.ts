import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { listStaff } from '../../../../api/client';
import type { Items, Outlet, Staff } from '../../../../api/types';
import { directoryKeys } from '../../../directory/queries';

/** Every answered outlet's technicians, one list (a module-level function: TanStack keeps its result while the answers stay). */
const together = (results: UseQueryResult<Items<Staff>>[]): Staff[] => results.flatMap((r) => r.data?.items ?? []);

/**
 * Every outlet's technicians (head office's network list without an outlet): one request per
 * outlet, cached under the same keys as `useTechnicians`, so picking an outlet asks again for nothing.
 */
export function useNetworkTechnicians(outlets: Outlet[] | null, enabled: boolean): Staff[] {
  const codes = enabled ? (outlets ?? []).filter((o) => !o.is_head_office).map((o) => o.code) : [];
  return useQueries({
    queries: codes.map((outlet) => ({
      queryKey: directoryKeys.staff({ role: 'technician', outlet }),
      queryFn: () => listStaff({ role: 'technician', outlet }),
    })),
    combine: together,
  });
}
