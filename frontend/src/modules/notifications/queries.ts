import { useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { getUnreadCount, listNotifications, markAllNotificationsRead, markNotificationRead } from '../../api/client';
import type { Notification, Page } from '../../api/types';
import { REFRESH_MS, sinceLastRead } from '../../api/refresh';
import { useCursorList } from '../../utils/useCursorList';

/** Query keys of the inbox. */
export const notificationKeys = {
  all: ['notifications'] as const,
  unreadCount: () => ['notifications', 'unread-count'] as const,
  /** The header bell's latest few. */
  recent: () => ['notifications', 'recent'] as const,
  /** The inbox page, all or unread only, page by page. */
  pages: (unread: boolean) => ['notifications', 'pages', { unread }] as const,
};

const RECENT = 10;
const PAGE = 20;

/**
 * The unread count, shared by the header bell (`poll`) and the inbox page. The bell reads it when
 * the tab is shown again, after each change the user makes (the query client's mutation cache:
 * `refreshAfterAction`) and otherwise at most every REFRESH_MS.unreadCount while the tab is
 * visible; never while it is hidden. A failure keeps the last known count (it is only a badge).
 */
export function useUnreadCount(poll = false): number {
  const { data } = useQuery({
    queryKey: notificationKeys.unreadCount(),
    queryFn: getUnreadCount,
    staleTime: 0,
    refetchInterval: poll ? sinceLastRead(REFRESH_MS.unreadCount) : false,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: poll,
    meta: { silent: true, refreshAfterAction: true },
  });
  return data?.count ?? 0;
}

/** The latest notifications for the bell's list, read each time it opens (`open`). */
export function useRecentNotifications(open: boolean) {
  return useQuery({
    queryKey: notificationKeys.recent(),
    queryFn: () => listNotifications({ limit: RECENT }),
    enabled: open,
    staleTime: 0,
  });
}

/** The inbox, newest first, page by page. */
export function useNotificationPages(unread: boolean) {
  return useCursorList(notificationKeys.pages(unread), (cursor) => listNotifications({ unread, limit: PAGE, cursor }), { staleTime: 0 });
}

/** Shows notifications read (one, or all) in every list on screen without reading the lists again. */
function showRead(client: QueryClient, which: string | 'all') {
  const read = (n: Notification) => (which === 'all' || n.id === which ? { ...n, read: true } : n);
  client.setQueryData<Page<Notification>>(notificationKeys.recent(), (page) => page && { ...page, items: page.items.map(read) });
  client.setQueriesData<InfiniteData<Page<Notification>>>({ queryKey: ['notifications', 'pages'] }, (data) =>
    data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(read) })) },
  );
}

/** Marks a notification read (when it is not yet); errors are ignored (the count tells). The
 * count is read again after it as after any change (`refreshAfterAction`), after a failure here. */
export function useMarkRead() {
  const client = useQueryClient();
  const { mutate } = useMutation({
    mutationFn: (id: string) => markNotificationRead(id),
    onMutate: (id) => showRead(client, id),
    onError: () => client.invalidateQueries({ queryKey: notificationKeys.unreadCount() }),
  });
  return mutate;
}

/** Marks every notification read; the unread-only list is read again, and the count (as after
 * any change: `refreshAfterAction`; after a failure here). */
export function useMarkAllRead() {
  const client = useQueryClient();
  const { mutateAsync } = useMutation({
    mutationFn: markAllNotificationsRead,
    onSuccess: () => {
      showRead(client, 'all');
      void client.invalidateQueries({ queryKey: notificationKeys.pages(true) });
    },
    onError: () => client.invalidateQueries({ queryKey: notificationKeys.unreadCount() }),
  });
  return mutateAsync;
}
