import { useSyncExternalStore } from 'react';

/**
 * The fault editors open with something typed or chosen and not saved yet, per order (tab-wide):
 * the completion's form names them (故障未保存), as the server knows nothing of them.
 */
const open = new Map<string, Map<string, string>>();
const listeners = new Set<() => void>();
const EMPTY: string[] = [];
let snapshots = new Map<string, string[]>();

function changed() {
  snapshots = new Map();
  listeners.forEach((l) => l());
}

/** Marks (text: the item's text) or clears (null) the item's unsaved fault. */
export function markUnsaved(orderId: string, key: string, text: string | null): void {
  const items = open.get(orderId) ?? new Map<string, string>();
  if (text === null ? !items.has(key) : items.get(key) === text) return;
  if (text === null) items.delete(key);
  else items.set(key, text);
  if (items.size > 0) open.set(orderId, items);
  else open.delete(orderId);
  changed();
}

function unsavedOf(orderId: string): string[] {
  let list = snapshots.get(orderId);
  if (!list) {
    const items = open.get(orderId);
    list = items ? [...items.entries()].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true })).map(([, text]) => text) : EMPTY;
    snapshots.set(orderId, list);
  }
  return list;
}

/** The texts of the order's items with a fault typed and not saved, in the checklist's order. */
export function useUnsavedFaults(orderId: string): string[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    () => unsavedOf(orderId),
  );
}
