import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { WorkOrderFilters } from '../../../../api/types';

/** The list's filters, kept in the URL query string so a link or a reload shows the same list. */
export type ListQuery = Omit<WorkOrderFilters, 'equipment' | 'mine' | 'limit' | 'cursor'> & {
  /** The chosen customer's name, only to label the filter. */
  cname?: string;
};

const KEYS: (keyof ListQuery)[] = ['outlet', 'q', 'state', 'priority', 'technician', 'from', 'to', 'number', 'customer', 'cname'];

export function useListQuery(): [ListQuery, (patch: Partial<ListQuery>) => void] {
  const [params, setParams] = useSearchParams();

  const query = useMemo(() => {
    const q: Record<string, string> = {};
    KEYS.forEach((key) => {
      const value = params.get(key);
      if (value) q[key] = value;
    });
    return q as ListQuery;
  }, [params]);

  const update = useCallback(
    (patch: Partial<ListQuery>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          Object.entries(patch).forEach(([key, value]) => {
            if (value) next.set(key, value);
            else next.delete(key);
          });
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return [query, update];
}

/** The API filters for a query (the label-only `cname` stays out). */
export function toFilters({ cname: _label, ...filters }: ListQuery): WorkOrderFilters {
  return filters;
}
