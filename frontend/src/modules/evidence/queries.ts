import { useCallback, useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { listAttachments } from '../../api/client';
import { freshWhileLinksLast } from '../../api/refresh';
import type { Attachment } from '../../api/types';

/** Query keys of field evidence. */
export const evidenceKeys = {
  all: ['evidence'] as const,
  attachments: (orderId: string) => ['evidence', 'attachments', orderId] as const,
};

/** The links a list of files shows and opens (thumbnail and full size). */
export const attachmentUrls = (files: readonly Attachment[]) => files.flatMap((a) => [a.url, a.thumb_url]);

/**
 * An order's verified files with URLs that work when used. The URLs are short-lived: the files
 * are listed again when about to be used after one lapsed (the page opening on them, the tab
 * shown again, the viewer opening: `useRenewAttachments`), never on a timer, so a hidden tab
 * reads nothing. The order's own copy (`fromOrder`, which must keep its identity while unchanged)
 * takes over whenever the order is read again, e.g. after an upload.
 */
export function useFreshAttachments(orderId: string, fromOrder: Attachment[]): Attachment[] {
  const client = useQueryClient();
  useEffect(() => {
    const key = evidenceKeys.attachments(orderId);
    if (client.getQueryData(key) !== fromOrder) client.setQueryData(key, fromOrder);
  }, [client, orderId, fromOrder]);
  const { data } = useQuery({
    queryKey: evidenceKeys.attachments(orderId),
    queryFn: () => listAttachments(orderId).then((r) => r.items),
    initialData: fromOrder,
    // Fresh while the links last; forgotten with the page (the order brings them next time).
    ...freshWhileLinksLast(attachmentUrls),
    gcTime: 0,
    // The gallery keeps its files when a renewal fails; the next use tries again.
    meta: { silent: true },
  });
  return data;
}

/** Lists an order's files again (fresh links), for a viewer about to open a lapsed one. */
export function useRenewAttachments(orderId: string): () => Promise<unknown> {
  const client = useQueryClient();
  return useCallback(() => client.refetchQueries({ queryKey: evidenceKeys.attachments(orderId), exact: true }), [client, orderId]);
}
