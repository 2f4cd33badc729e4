import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * A page's choices kept in the URL query string: `params` to read them, `setParam` to change one
 * (the others kept; replacing the history entry, so Back leaves the page rather than a choice).
 */
export function useUrlParams() {
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
  return { params, setParam };
}
