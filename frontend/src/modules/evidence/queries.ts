import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { listAttachments } from '../../api/client';
import type { Attachment } from '../../api/types';
import { renewIn } from './lib/renew';

/** Query keys of field evidence. */
export const evidenceKeys = {
  all: ['evidence'] as const,
  attachments: (orderId: string) => ['evidence', 'attachments', orderId] as const,
};

/**
 * An order's verified files with URLs that stay usable while its page is open: the URLs are
 * short-lived, so the files are listed again shortly before the earliest one expires. The
 * order's own copy (`fromOrder`, which must keep its identity while unchanged) takes over
 * whenever the order is read again, e.g. after an upload.
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
    // Renewed by the timer only; forgotten with the page (the order brings them next time).
    staleTime: Infinity,
    gcTime: 0,
    refetchInterval: (query) => renewIn(query.state.data),
    refetchIntervalInBackground: true,
    // The gallery keeps its files when a renewal fails; the next one tries again.
    meta: { silent: true },
  });
  return data;
}
