import { useSyncExternalStore } from 'react';
import { ApiError, confirmAttachment, createAttachment } from '../../../api/client';
import { getSession } from '../../../api/session';
import type { Attachment, AttachmentCategory, AttachmentKind, UploadContentType } from '../../../api/types';
import { idbDelete, idbGetAll, idbPut } from './idb';
import { postToSlot, UploadError } from './upload';

/*
 * The offline upload queue: one per browser tab, shared by every page. A file is written to
 * IndexedDB before any network call and deleted from it once the server confirmed it, so a photo
 * taken with no signal survives a reload and goes up when the connection is back.
 */

export type QueueState = 'waiting' | 'uploading' | 'failed' | 'done';
/** Why the last attempt failed, when the server gave no message of its own. */
export type QueueErrorKind = 'network' | 'server' | 'storage' | 'rejected' | 'refused';

export interface QueueSlot {
  attachmentId: string;
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

export interface QueueItem {
  id: string;
  orderId: string;
  /** The user who queued it: another user's leftovers are not sent with this user's token. */
  owner: string;
  kind: AttachmentKind;
  category: AttachmentCategory;
  blob: Blob;
  filename: string;
  contentType: UploadContentType;
  size: number;
  createdAt: string;
  state: QueueState;
  /** 0..1 */
  progress: number;
  attempts: number;
  /** The server's (localized) message, when it sent one. */
  lastError: string | null;
  errorKind?: QueueErrorKind | null;
  /** Epoch ms of the next automatic attempt. */
  nextAttemptAt?: number;
  slot?: QueueSlot;
}

export interface NewQueueItem {
  orderId: string;
  kind: AttachmentKind;
  category: AttachmentCategory;
  blob: Blob;
  filename: string;
  contentType: UploadContentType;
}

/** Seconds to wait after the 1st, 2nd, … failed attempt; then every minute. */
const BACKOFF_S = [2, 5, 15, 30, 60];
/** A slot this close to its expiry is not worth starting an upload with. */
const SLOT_MARGIN_MS = 60_000;

const backoffMs = (attempts: number) => BACKOFF_S[Math.min(Math.max(attempts, 1), BACKOFF_S.length) - 1] * 1000;

const newId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

const currentUser = () => getSession()?.user.username ?? null;

/** A file the server confirmed: its order, the attachment, and the queue item it was (`add`'s id). */
type DoneListener = (orderId: string, attachment: Attachment, queueId: string) => void;

class UploadQueue {
  private items = new Map<string, QueueItem>();
  private snapshot: QueueItem[] = [];
  private listeners = new Set<() => void>();
  private doneListeners = new Set<DoneListener>();
  private loading: Promise<void> | null = null;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: { id: string; abort: () => void } | null = null;

  /** Loads what a previous page left in IndexedDB and starts sending; safe to call again. */
  start(): Promise<void> {
    this.loading ??= (async () => {
      const stored = await idbGetAll<QueueItem>();
      stored.forEach((item) => {
        // An upload cut by the reload starts again; page load is a retry moment.
        const state: QueueState = item.state === 'uploading' || item.state === 'done' ? 'waiting' : item.state;
        this.items.set(item.id, { ...item, state, progress: state === 'failed' ? item.progress : 0, nextAttemptAt: 0 });
      });
      this.emit();
      if (typeof window !== 'undefined') window.addEventListener('online', () => this.retryAllWaiting());
    })();
    return this.loading.then(() => this.kick());
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = () => this.snapshot;

  /** Called after each file the server confirmed. */
  onDone(listener: DoneListener) {
    this.doneListeners.add(listener);
    return () => {
      this.doneListeners.delete(listener);
    };
  }

  /** Stores the file (IndexedDB first), then queues it for upload. */
  async add(input: NewQueueItem): Promise<QueueItem> {
    await this.start().catch(() => undefined);
    const item: QueueItem = {
      ...input,
      id: newId(),
      owner: currentUser() ?? '',
      size: input.blob.size,
      createdAt: new Date().toISOString(),
      state: 'waiting',
      progress: 0,
      attempts: 0,
      lastError: null,
      errorKind: null,
      nextAttemptAt: 0,
    };
    await idbPut(item);
    this.items.set(item.id, item);
    this.emit();
    this.kick();
    return item;
  }

  /** "Retry now": a waiting item goes at once, a failed one starts over with a new slot. */
  retryNow(id: string) {
    const item = this.items.get(id);
    if (!item || item.state === 'uploading') return;
    const fresh: QueueItem =
      item.state === 'failed'
        ? { ...item, state: 'waiting', attempts: 0, lastError: null, errorKind: null, slot: undefined, progress: 0, nextAttemptAt: 0 }
        : { ...item, nextAttemptAt: 0 };
    this.save(fresh);
    this.kick();
  }

  async remove(id: string) {
    if (this.current?.id === id) this.current.abort();
    this.items.delete(id);
    this.emit();
    await idbDelete(id);
  }

  private retryAllWaiting() {
    this.items.forEach((item) => {
      if (item.state === 'waiting') this.items.set(item.id, { ...item, nextAttemptAt: 0 });
    });
    this.emit();
    this.kick();
  }

  private emit() {
    this.snapshot = [...this.items.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    this.listeners.forEach((listener) => listener());
  }

  /** Updates an item in memory (and in IndexedDB unless it is only progress). */
  private save(item: QueueItem, persist = true) {
    if (!this.items.has(item.id)) return;
    this.items.set(item.id, item);
    this.emit();
    if (persist) void idbPut(item);
  }

  private kick() {
    if (this.running) return;
    clearTimeout(this.timer);
    void this.run();
  }

  private next(): QueueItem | undefined {
    const user = currentUser();
    const now = Date.now();
    return this.snapshot.find((item) => item.state === 'waiting' && item.owner === user && (item.nextAttemptAt ?? 0) <= now);
  }

  private async run() {
    this.running = true;
    try {
      for (let item = this.next(); item; item = this.next()) await this.process(item);
    } finally {
      this.running = false;
    }
    const user = currentUser();
    const later = this.snapshot.filter((item) => item.state === 'waiting' && item.owner === user).map((item) => item.nextAttemptAt ?? 0);
    if (later.length > 0) this.timer = setTimeout(() => this.kick(), Math.max(500, Math.min(...later) - Date.now()));
  }

  private async process(queued: QueueItem) {
    let item: QueueItem = { ...queued, state: 'uploading', progress: 0 };
    this.save(item, false);
    try {
      let slot = item.slot;
      if (!slot || Date.parse(slot.expiresAt) - Date.now() < SLOT_MARGIN_MS) {
        const { attachment, upload } = await createAttachment(item.orderId, {
          kind: item.kind,
          category: item.category,
          content_type: item.contentType,
          size: item.size,
          filename: item.filename,
        });
        slot = { attachmentId: attachment.id, url: upload.url, fields: upload.fields, expiresAt: upload.expires_at };
        item = { ...this.latest(item), slot };
        this.save(item);
      }
      const handle = postToSlot(slot, item.blob, item.filename, (ratio) => {
        // 0..95 % is the transfer; the last bit is the server's check.
        item = { ...this.latest(item), progress: Math.min(0.95, ratio * 0.95) };
        this.save(item, false);
      });
      this.current = { id: item.id, abort: handle.abort };
      await handle.promise;
      this.current = null;
      if (!this.items.has(item.id)) return; // removed meanwhile
      const attachment = await confirmAttachment(item.orderId, slot.attachmentId);
      this.items.set(item.id, { ...this.latest(item), state: 'done', progress: 1 });
      this.emit();
      await idbDelete(item.id);
      this.items.delete(item.id);
      this.emit();
      this.doneListeners.forEach((listener) => listener(item.orderId, attachment, item.id));
    } catch (err) {
      this.current = null;
      if (!this.items.has(item.id)) return;
      this.failed(this.latest(item), err);
    }
  }

  private latest(item: QueueItem): QueueItem {
    return this.items.get(item.id) ?? item;
  }

  private failed(item: QueueItem, err: unknown) {
    const attempts = item.attempts + 1;
    const retry = (errorKind: QueueErrorKind, patch: Partial<QueueItem> = {}) =>
      this.save({ ...item, state: 'waiting', progress: 0, attempts, errorKind, lastError: null, nextAttemptAt: Date.now() + backoffMs(attempts), ...patch });
    const fail = (errorKind: QueueErrorKind, message: string | null, patch: Partial<QueueItem> = {}) =>
      this.save({ ...item, state: 'failed', attempts, errorKind, lastError: message || null, ...patch });

    if (err instanceof UploadError) {
      if (err.retryable) retry(err.status === 0 ? 'network' : 'storage', err.needsNewSlot ? { slot: undefined } : {});
      else fail('storage', null, { slot: undefined });
      return;
    }
    if (err instanceof ApiError) {
      if (err.code === 'upload_rejected') {
        // The server deleted the bytes already: no retry.
        fail('rejected', err.fields.file ?? err.message, { slot: undefined });
      } else if (err.code === 'upload_not_found') {
        retry('network'); // the bytes did not arrive: upload again (a new slot if this one expired)
      } else if (err.status === 0 || err.status >= 500 || err.status === 401 || err.status === 408 || err.status === 429) {
        retry(err.status === 0 ? 'network' : 'server');
      } else {
        fail('refused', err.message, { slot: undefined }); // 400 validation, 403, 404, 409 invalid_transition
      }
      return;
    }
    retry('network');
  }
}

/** The tab's one upload queue. */
export const uploadQueue = new UploadQueue();

/** Every queued item (all orders), oldest first. */
export function useUploadQueue(): QueueItem[] {
  return useSyncExternalStore(uploadQueue.subscribe, uploadQueue.getSnapshot);
}
