import { useMemo } from 'react';
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { Page } from '../api/types';

export interface CursorList<T, P extends Page<T> = Page<T>> {
  items: T[];
  /** The pages read so far, as the API answered them (with whatever else a page says). */
  pages: P[];
  loading: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  loadMore: () => void;
  /** The last load failed (the first page, a refresh or the next page); null otherwise. */
  error: unknown;
  /** Loads again what failed: the next page, or the list. */
  retry: () => void;
  retrying: boolean;
}

interface Options {
  /** False: not ready yet (e.g. the outlet is still unknown); the list shows as loading. */
  enabled?: boolean;
  staleTime?: number;
}

/**
 * A list read page by page with the API's opaque cursor ("load more"), as one infinite query:
 * `queryKey` names the list with its filters, so other filters are another list and an answer
 * for old filters never shows under new ones. A failure is the list's to show (`error`, `retry`:
 * ResponsiveTable and CardList take them), or else the query client's message.
 */
export function useCursorList<P extends Page<unknown>>(
  queryKey: QueryKey,
  fetchPage: (cursor?: string) => Promise<P>,
  { enabled = true, staleTime }: Options = {},
): CursorList<P['items'][number], P> {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
    staleTime,
  });
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage, isPending, error, isFetchNextPageError, refetch, isFetching } = query;
  const pages = useMemo(() => data?.pages ?? [], [data]);
  const items = useMemo(() => pages.flatMap((page) => page.items as P['items'][number][]), [pages]);
  return {
    items,
    pages,
    loading: isPending,
    loadingMore: isFetchingNextPage,
    hasMore: hasNextPage,
    loadMore: () => {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
    error,
    retry: () => void (isFetchNextPageError ? fetchNextPage() : refetch()),
    retrying: isFetching,
  };
}
