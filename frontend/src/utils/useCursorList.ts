import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/types';
import { useShowError } from './errors';

export interface CursorList<T> {
  items: T[];
  loading: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  loadMore: () => void;
}

/**
 * A list read page by page with the API's opaque cursor. `fetchPage` is called again from the
 * first page whenever `key` changes (the filters); a late answer for old filters is dropped.
 * `fetchPage` null means "not ready yet" (e.g. the outlet is still unknown).
 */
export function useCursorList<T>(fetchPage: ((cursor?: string) => Promise<Page<T>>) | null, key: string): CursorList<T> {
  const showError = useShowError();
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const ready = fetchPage !== null;

  useEffect(() => {
    const fetcher = fetchRef.current;
    const mine = ++generation.current;
    setItems([]);
    setCursor(null);
    if (!fetcher) return;
    setLoading(true);
    fetcher()
      .then((page) => {
        if (mine !== generation.current) return;
        setItems(page.items);
        setCursor(page.next_cursor);
      })
      .catch((err: unknown) => mine === generation.current && showError(err))
      .finally(() => mine === generation.current && setLoading(false));
  }, [key, ready, showError]);

  const loadMore = useCallback(() => {
    const fetcher = fetchRef.current;
    if (!fetcher || !cursor) return;
    const mine = generation.current;
    setLoadingMore(true);
    fetcher(cursor)
      .then((page) => {
        if (mine !== generation.current) return;
        setItems((prev) => [...prev, ...page.items]);
        setCursor(page.next_cursor);
      })
      .catch(showError)
      .finally(() => setLoadingMore(false));
  }, [cursor, showError]);

  return { items, loading, loadingMore, hasMore: cursor !== null, loadMore };
}
