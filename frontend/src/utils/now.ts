import { useSyncExternalStore } from 'react';

/*
 * One shared ticker for every countdown on the page: a single interval while anything listens,
 * a tick at once when the tab becomes visible again. "Now" is the browser's clock corrected by
 * the last server time we were told (at-risk answers carry `now`), so a badge and the server
 * agree even when the phone's clock is off.
 */

const TICK_MS = 30_000;
const listeners = new Set<() => void>();
let offsetMs = 0;
let current = Date.now();
let timer: number | undefined;

function tick() {
  current = Date.now() + offsetMs;
  listeners.forEach((listener) => listener());
}

function onVisible() {
  if (document.visibilityState === 'visible') tick();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (listeners.size === 1) {
    current = Date.now() + offsetMs;
    timer = window.setInterval(tick, TICK_MS);
    document.addEventListener('visibilitychange', onVisible);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    }
  };
}

const snapshot = () => current;

/** The current time in ms, re-rendering every 30 s. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Records the server's "now" (ISO string) so countdowns follow the server's clock. */
export function noteServerNow(iso: string | null | undefined) {
  const server = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(server)) return;
  const next = server - Date.now();
  // Ignore network jitter; only a real skew moves the clocks.
  if (Math.abs(next - offsetMs) < 2_000) return;
  offsetMs = next;
  tick();
}
