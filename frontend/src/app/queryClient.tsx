import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { REFRESH_MS } from '../api/refresh';
import { useSession } from '../api/session';
import { useI18n } from '../i18n';
import { isShownInPlace, useShowError } from '../utils/errors';

/*
 * The SPA's one data layer (TanStack Query). Every area keeps its query keys and fetching in
 * `modules/<area>/queries.ts`; a key names the data with every input it depends on (outlet,
 * filters, year…), so an answer that arrives after the user moved on is cached under its own
 * key and never shown for the new choice.
 *
 * Defaults: data counts as fresh for 30 s (areas make live data, such as orders, at-risk clocks
 * and the inbox, stale at once, and reference data, such as outlets, fresh for the session);
 * no refetch on window focus except where a page asks for it; no interval read while the tab is
 * hidden (intervals come from `api/refresh`); a refused request (4xx) is not retried, other
 * failures twice. After any change the user makes (a mutation that succeeded), the queries that
 * ask for it (`meta.refreshAfterAction`: the unread count) are read again (`afterActions`).
 * A failed query is shown where its data would be (ErrorState,
 * QueryBoundary, ResponsiveTable: what happened and a retry); only a failure that no page shows
 * (`meta.silent` aside) becomes a message, in the reader's language, without the server's text
 * for a server error (utils/errors).
 */

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: {
      /** The page shows this query's errors itself (or they are not worth a message). */
      silent?: boolean;
      /** Read again after each change the user makes here (any mutation that succeeded). */
      refreshAfterAction?: boolean;
    };
  }
}

export const DEFAULT_STALE_MS = 30_000;

/**
 * After a change: read again what is under `queryKey`. A first read still on its way was sent
 * before the change; invalidating alone would wait for it and keep its old answer as fresh (a
 * query without data reuses its running fetch), so it is cancelled first.
 */
export async function reread(client: QueryClient, queryKey: QueryKey): Promise<void> {
  await client.cancelQueries({ queryKey });
  await client.invalidateQueries({ queryKey });
}

const refused = (error: unknown) => error instanceof ApiError && error.status >= 400 && error.status < 500;

/**
 * After each change the user makes: read again the queries that ask for it
 * (`meta.refreshAfterAction`) at once, and during a burst of changes (a checklist answered tap
 * by tap) once more at the end of each REFRESH_MS.afterActions window, not once per change.
 */
function afterActions(client: QueryClient): () => void {
  let last = 0;
  let planned: ReturnType<typeof setTimeout> | undefined;
  const read = () => {
    last = Date.now();
    planned = undefined;
    void client.invalidateQueries({ predicate: (query) => query.meta?.refreshAfterAction === true });
  };
  return () => {
    if (planned !== undefined) return; // the burst's read is already planned
    const wait = last + REFRESH_MS.afterActions - Date.now();
    if (wait <= 0) read();
    else planned = setTimeout(read, wait);
  };
}

export function createQueryClient(report: (error: unknown) => void): QueryClient {
  let changed = () => {};
  const client = new QueryClient({
    // what the user's own action may change beyond its area (a notice read, a hand-off); not
    // awaited: the mutation's own callers go on at once
    mutationCache: new MutationCache({ onSuccess: () => changed() }),
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.meta?.silent) return;
        // The query's observers render the failure in the batch TanStack has already queued
        // (a task); this one runs after it: by then a page showing it in place has marked it.
        setTimeout(() => {
          if (!isShownInPlace(error)) report(error);
        }, 0);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: DEFAULT_STALE_MS,
        retry: (failures, error) => !refused(error) && failures < 2,
        refetchOnWindowFocus: false,
        refetchIntervalInBackground: false,
      },
      mutations: { retry: false },
    },
  });
  changed = afterActions(client);
  return client;
}

/**
 * The query client of the tab. What one user fetched is never shown to another: signing out
 * forgets every answer, and another account signing in (from another tab) starts the cache over.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const showError = useShowError();
  const report = useRef(showError);
  report.current = showError;
  const [client] = useState(() => createQueryClient((error) => report.current(error)));
  const user = useSession()?.user.username ?? null;
  const seen = useRef(user);
  useLayoutEffect(() => {
    if (seen.current === user) return;
    seen.current = user;
    if (user === null) client.clear();
    else void client.resetQueries();
  }, [client, user]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/**
 * Answers hold names the server composed in the language they were asked in (Accept-Language):
 * once the page shows another language, every answer is read again in it (not on the first
 * render). Rendered inside the query client's provider.
 */
export function RefetchOnLanguageChange() {
  const client = useQueryClient();
  const { lang } = useI18n();
  const seen = useRef(lang);
  useEffect(() => {
    if (seen.current === lang) return;
    seen.current = lang;
    void client.invalidateQueries();
  }, [client, lang]);
  return null;
}
