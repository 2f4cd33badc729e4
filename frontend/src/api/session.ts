import { useSyncExternalStore } from 'react';
import type { Me, SecondFactor } from './types';

/**
 * Who is signed in. Only the user's profile (name, role, outlet: nothing secret) is kept in
 * localStorage, for a first paint before the API answers and for the offline upload queue.
 * The ID token lives in this module's memory only and is fetched again after every page load
 * through the refresh cookie, which is HttpOnly: no page script ever sees the refresh token.
 * The state of the second factor comes with each sign-in and refresh and is kept in memory
 * only (unknown, `undefined`, until the first refresh after a page load).
 */
export interface Session {
  user: Me;
  /** 'totp' when the user's authenticator app is their second factor. */
  mfa?: SecondFactor | null;
  /** Head office without TOTP (where required): the route guard sends them to /security. */
  mfaRequired?: boolean;
}

const STORAGE_KEY = 'fuwu.user';
// Earlier versions kept the whole session, tokens included, under this key.
const LEGACY_KEY = 'fuwu.session';
/** Renew the ID token this long before it expires. */
const EXPIRY_MARGIN_MS = 60_000;

const listeners = new Set<() => void>();

function read(): Session | null {
  const raw = localStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const user = JSON.parse(raw) as Partial<Me> | null;
    if (!user || typeof user.username !== 'string') return null;
    // A profile stored before the API sent `permissions` has none: none until the refresh that
    // starts every page load answers (it comes before the first API call).
    return { user: { ...user, permissions: Array.isArray(user.permissions) ? user.permissions : [] } as Me };
  } catch {
    return null;
  }
}

localStorage.removeItem(LEGACY_KEY);

let current: Session | null = read();
let idToken: string | null = null;
let expiresAt = 0;
/** Bumped on every sign-in, refresh and sign-out: a refresh that was started before one of
 * them must not apply its (older) answer. */
let epoch = 0;

function emit() {
  listeners.forEach((listener) => listener());
}

export function getSession(): Session | null {
  return current;
}

/** The ID token in memory, if there is one that is not about to expire. */
export function getIdToken(): string | null {
  return idToken && Date.now() < expiresAt - EXPIRY_MARGIN_MS ? idToken : null;
}

export function sessionEpoch(): number {
  return epoch;
}

/** A sign-in or a refresh (user, ID token, second factor), or `null` to sign out of this tab. */
export function setSession(
  next: { user: Me; idToken: string; expiresIn?: number; mfa?: SecondFactor | null; mfaRequired?: boolean } | null,
) {
  epoch += 1;
  if (next) {
    idToken = next.idToken;
    expiresAt = Date.now() + (next.expiresIn ?? 3600) * 1000;
    const sameUser = current && JSON.stringify(current.user) === JSON.stringify(next.user);
    if (!sameUser) localStorage.setItem(STORAGE_KEY, JSON.stringify(next.user));
    const mfa = next.mfa ?? null;
    const mfaRequired = next.mfaRequired ?? false;
    if (!sameUser || current?.mfa !== mfa || current?.mfaRequired !== mfaRequired) {
      current = { user: next.user, mfa, mfaRequired };
    }
  } else {
    idToken = null;
    expiresAt = 0;
    current = null;
    localStorage.removeItem(STORAGE_KEY);
  }
  emit();
}

/** TOTP was just set up in this tab: it is the user's second factor now. */
export function setSecondFactor(mfa: SecondFactor) {
  if (!current) return;
  current = { ...current, mfa, mfaRequired: false };
  emit();
}

/** The API refused a call with 403 `mfa_required` (head office without TOTP): the route guard
 * sends the user to the security page, whatever this tab believed. */
export function requireSecondFactor() {
  if (!current || current.mfaRequired) return;
  current = { ...current, mfa: null, mfaRequired: true };
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab signing in or out changes this tab's session too: the refresh cookie is shared,
// so this tab drops its token and fetches one for whoever is signed in now.
window.addEventListener('storage', (e) => {
  if (e.key !== STORAGE_KEY && e.key !== null) return;
  const next = read();
  if (next?.user.username !== current?.user.username) {
    epoch += 1;
    idToken = null;
    expiresAt = 0;
    current = next;
  } else if (next && current) {
    // the same user (a profile change): what this tab knows of the second factor stands
    current = { ...current, user: next.user };
  } else {
    current = next;
  }
  emit();
});

/** The session, re-rendering when it changes (login, logout, a 401). */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession);
}

/** The logged-in user; only for components rendered behind the route guard. */
export function useMe(): Me {
  const session = useSession();
  if (!session) throw new Error('useMe used without a session');
  return session.user;
}
