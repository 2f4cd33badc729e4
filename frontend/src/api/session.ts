import { useSyncExternalStore } from 'react';
import type { Me } from './types';

/** What we keep of a login: the tokens and the user they belong to. */
export interface Session {
  idToken: string;
  accessToken: string | null;
  refreshToken: string | null;
  user: Me;
}

const STORAGE_KEY = 'fuwu.session';
const listeners = new Set<() => void>();

function read(): Session | null {
  const raw = localStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return null;
  }
}

let current: Session | null = read();

function emit() {
  listeners.forEach((listener) => listener());
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null) {
  current = session;
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab logging in or out changes our session too.
window.addEventListener('storage', (e) => {
  if (e.key === STORAGE_KEY) {
    current = read();
    emit();
  }
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
