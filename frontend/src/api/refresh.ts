/*
 * What the SPA reads again by itself, and when: the one place (issue 19, "no polling while nobody
 * looks"). Every query that refreshes on its own takes its interval from here.
 *
 * - Nothing is read on a timer while the tab is hidden: an interval runs only while the page is
 *   visible (`whileVisible`; TanStack Query's focus manager follows `visibilitychange`).
 * - The unread count is read when the tab is shown again, after the user's own change (the query
 *   client's mutation cache, `meta.refreshAfterAction`; a burst of changes: at once, then once
 *   per REFRESH_MS.afterActions) and otherwise at most every REFRESH_MS.unreadCount while
 *   visible (`sinceLastRead`: the wait starts again at each read).
 * - A presigned link (a photo, a receipt, a scan, an export, a monthly workbook) is renewed when
 *   it is about to be used and has lapsed or nearly: a page opening on it, the tab shown again, a
 *   click or a viewer opening (`linksDue`), never on a timer. Its lifetime is in the link itself
 *   (SigV4: `X-Amz-Date` + `X-Amz-Expires`). Thumbnails already on screen stay shown after their
 *   link lapses (the browser holds the image), so no screen needs a renewal timer.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** How often a query reads again by itself while the page is visible. */
export const REFRESH_MS = {
  /** The header bell's unread count: at most this often (and on focus, after an action). */
  unreadCount: 5 * MINUTE,
  /** After the user's changes: what they may change elsewhere (the unread count) is read at once,
   * then at most once per this while they go on (a checklist answered tap by tap). */
  afterActions: 10 * SECOND,
  /** The dispatch board: people watch it during the day. */
  dispatchBoard: MINUTE,
  /** The at-risk board: its clocks run out by the minute. */
  atRisk: MINUTE,
  /** An export the user waits for, while it is queued or running. */
  exportJob: 2 * SECOND,
  /** A unit import the user waits for, while it is queued or running. */
  unitImport: 1.5 * SECOND,
} as const;

/** A presigned link is renewed this long before it lapses (a click, then the file's download). */
export const LINK_MARGIN_MS = 30 * SECOND;

/** Query options: read again every `ms` while the page is visible, never while it is hidden. */
export function whileVisible(ms: number) {
  return { refetchInterval: ms, refetchIntervalInBackground: false } as const;
}

/** The part of a TanStack query the functions below read. */
interface QueryLike<T> {
  state: { data: T | undefined; dataUpdatedAt: number; errorUpdatedAt: number };
}

/**
 * A `refetchInterval` that reads again `ms` after the last answer (or failure), not on a fixed
 * beat: a read on focus or after an action starts the wait again, so no two reads come closer
 * than `ms` from the timer. (TanStack re-arms its interval whenever the value changes, i.e. after
 * each read.) Pair it with `refetchIntervalInBackground: false`.
 */
export function sinceLastRead(ms: number) {
  return (query: QueryLike<unknown>) => {
    const last = Math.max(query.state.dataUpdatedAt, query.state.errorUpdatedAt);
    return Math.min(ms, Math.max(SECOND, last + ms - Date.now()));
  };
}

// ---- presigned links ----------------------------------------------------------------------------

type Url = string | null | undefined;

/** `20260101T080000Z` (SigV4's X-Amz-Date) as epoch ms; NaN when it is not one. */
function amzDate(value: string | null): number {
  const m = value?.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

/** When this link should be renewed (epoch ms: its expiry less the margin); null when it is no
 * presigned link (none, or one without an expiry). */
export function linkDueAt(url: Url): number | null {
  if (!url) return null;
  let query: URLSearchParams;
  try {
    query = new URL(url, window.location.origin).searchParams;
  } catch {
    return null;
  }
  const signed = amzDate(query.get('X-Amz-Date'));
  const lifetime = Number(query.get('X-Amz-Expires'));
  if (Number.isNaN(signed) || !(lifetime > 0)) return null;
  return signed + lifetime * SECOND - LINK_MARGIN_MS;
}

/** The earliest renewal time of these links; null when none of them lapses. */
export function linksDueAt(urls: readonly Url[]): number | null {
  const due = urls.map(linkDueAt).filter((at): at is number => at !== null);
  return due.length > 0 ? Math.min(...due) : null;
}

/** Whether one of these links has lapsed or is about to: renew before using it. */
export function linksDue(urls: readonly Url[]): boolean {
  const at = linksDueAt(urls);
  return at !== null && at <= Date.now();
}

/** `refetchOnWindowFocus` for an answer that carries links: read again when the tab is shown
 * again only if one of its links lapsed meanwhile (or is about to). */
export function whenLinksLapsed<T>(urlsOf: (data: T) => readonly Url[]) {
  return (query: QueryLike<T>) => query.state.data !== undefined && linksDue(urlsOf(query.state.data));
}

/**
 * Query options for an answer that carries links (an order's files, a unit's photos, the monthly
 * workbooks): fresh for `fresh` ms (default: until the page reads it anew) but no longer than its
 * earliest link lasts, so a page opening on it reads it again once a link lapsed; the tab shown
 * again reads it only then too. No timer: a click renews through `linksDue` and a refetch
 * (`FreshPreviewGroup`, the pages' download links).
 */
export function freshWhileLinksLast<T>(urlsOf: (data: T) => readonly Url[], fresh = Infinity) {
  return {
    staleTime: (query: QueryLike<T>) => {
      const data = query.state.data;
      const due = data === undefined ? null : linksDueAt(urlsOf(data));
      return due === null ? fresh : Math.min(fresh, Math.max(0, due - query.state.dataUpdatedAt));
    },
    refetchOnWindowFocus: whenLinksLapsed(urlsOf),
  } as const;
}
