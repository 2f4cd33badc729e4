import { useSyncExternalStore } from 'react';
import { getUnreadCount, markNotificationRead } from './client';

/*
 * The unread-notification count, shared by the header bell and the notifications page: the bell
 * polls it every minute, and whoever marks something read asks for it again.
 */

let count = 0;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUnreadCount(): number {
  return useSyncExternalStore(subscribe, () => count);
}

let pending: Promise<void> | null = null;

/** Asks the server for the count again; a failure keeps the last known count (it is only a badge). */
export function refreshUnreadCount(): Promise<void> {
  pending ??= getUnreadCount()
    .then((r) => {
      if (r.count !== count) {
        count = r.count;
        listeners.forEach((listener) => listener());
      }
    })
    .catch(() => undefined)
    .finally(() => {
      pending = null;
    });
  return pending;
}

/** Marks a notification read (when it is not yet) and refreshes the count; errors are ignored (the count tells). */
export function markRead(id: string): Promise<void> {
  return markNotificationRead(id)
    .then(() => undefined)
    .catch(() => undefined)
    .finally(() => void refreshUnreadCount());
}
