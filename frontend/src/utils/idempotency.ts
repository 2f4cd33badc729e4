import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';

/** A fresh Idempotency-Key: a UUID where the browser has one (secure contexts), else random. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One Idempotency-Key per thing a form creates: a resent submit (a lost answer, a double click)
 * creates it once. `renew()` once it is created and the form goes on to the next one;
 * `settle(err)` after a failed submit: a refusal (4xx) is final for its key, so what is sent
 * next is another request with a new key, while a network failure or a 5xx keeps the key (the
 * retry may find the first one done).
 */
export function useIdempotencyKey() {
  const [key, setKey] = useState(newIdempotencyKey);
  const renew = useCallback(() => setKey(newIdempotencyKey()), []);
  const settle = useCallback((err: unknown) => {
    if (err instanceof ApiError && err.status >= 400 && err.status < 500) setKey(newIdempotencyKey());
  }, []);
  return { key, renew, settle };
}
