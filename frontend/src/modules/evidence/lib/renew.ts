/** Renew short-lived file links this long before they expire, and not more often than every MIN_WAIT_MS. */
const URL_MARGIN_MS = 30_000;
const MIN_WAIT_MS = 5_000;

type Files = readonly ({ urls_expire_at?: string | null } | null | undefined)[] | undefined;

/** Milliseconds until the earliest link is due for renewal (negative: overdue); null when none expires. */
function dueIn(files: Files): number | null {
  const expiries = (files ?? []).map((f) => (f?.urls_expire_at ? Date.parse(f.urls_expire_at) : NaN)).filter((n) => !Number.isNaN(n));
  return expiries.length === 0 ? null : Math.min(...expiries) - Date.now() - URL_MARGIN_MS;
}

/**
 * How long until the earliest of these files' links must be renewed (a query's
 * `refetchInterval`); false when none expires. Each file names when its links expire
 * (`urls_expire_at`, null or absent: no link).
 */
export function renewIn(files: Files): number | false {
  const due = dueIn(files);
  return due === null ? false : Math.max(MIN_WAIT_MS, due);
}

/** Whether some link is already due for renewal (a tab shown again after its links lapsed:
 * renewed at once rather than at the timer's next turn). */
export function renewalDue(files: Files): boolean {
  const due = dueIn(files);
  return due !== null && due <= 0;
}
