import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Put what a write answered (the object at its new version) in the cache. A read of the same
 * key still in flight — a background refetch started before the write committed — is cancelled
 * first: resolving after, it would put the older version back, and a form keyed by the version
 * would start over and send that older version (a 409 and what was typed lost).
 */
export function putAnswer<T>(client: QueryClient, queryKey: QueryKey, data: T): void {
  void client.cancelQueries({ queryKey, exact: true });
  client.setQueryData(queryKey, data);
}
