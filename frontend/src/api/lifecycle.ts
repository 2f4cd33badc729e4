import { useEffect, useState } from 'react';
import { getLifecycle } from './client';
import type { Lifecycle } from './types';
import { useShowError } from '../utils/errors';

let cached: Promise<Lifecycle> | null = null;

/** The state machine, fetched once per page load (a failure is retried next time). */
function loadLifecycle(): Promise<Lifecycle> {
  cached ??= getLifecycle().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

export function useLifecycle(): Lifecycle | null {
  const showError = useShowError();
  const [lifecycle, setLifecycle] = useState<Lifecycle | null>(null);
  useEffect(() => {
    let alive = true;
    loadLifecycle()
      .then((l) => alive && setLifecycle(l))
      .catch((err: unknown) => alive && showError(err));
    return () => {
      alive = false;
    };
  }, [showError]);
  return lifecycle;
}
