import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createExport, getExport, getKpiOrders, getKpiSummary, listExports, listMonthlyReports, retryExport, runMonthlyReports } from '../../api/client';
import { useMe } from '../../api/session';
import { freshWhileLinksLast, REFRESH_MS, whileVisible } from '../../api/refresh';
import { NETWORK_SCOPE, type ExportJob, type KpiOrdersQuery, type MonthlyReport, type NewExport, type Outlet } from '../../api/types';
import { DEFAULT_STALE_MS } from '../../app/queryClient';
import { useI18n } from '../../i18n';
import { useOutlets } from '../directory/queries';

/** Query keys of figures. A scope left out means the manager's own outlet (the API's default). */
export const figureKeys = {
  all: ['figures'] as const,
  /** Every KPI answer (summaries and the orders behind a number). */
  kpi: () => ['figures', 'kpi'] as const,
  kpiSummary: (query: { scope?: string; from: string; to: string }) => ['figures', 'kpi', 'summary', query] as const,
  kpiOrders: (query: KpiOrdersQuery) => ['figures', 'kpi', 'orders', query] as const,
  exports: () => ['figures', 'exports'] as const,
  exportProgress: (ids: string[]) => ['figures', 'exports', 'progress', ids] as const,
  monthly: (year: number) => ['figures', 'monthly', year] as const,
};

// ---- dashboard ----------------------------------------------------------------------------------

export function useKpiSummary(query: { scope?: string; from: string; to: string }) {
  return useQuery({ queryKey: figureKeys.kpiSummary(query), queryFn: () => getKpiSummary(query) });
}

/** The orders behind a dashboard number; nothing while `query` is null (the drawer is closed). */
export function useKpiOrders(query: KpiOrdersQuery | null) {
  return useQuery({
    queryKey: figureKeys.kpiOrders(query ?? { month: '', metric: 'received' }),
    queryFn: () => getKpiOrders(query!),
    enabled: query !== null,
  });
}

// ---- exports ------------------------------------------------------------------------------------

export const isActiveExport = (job: ExportJob) => job.status === 'queued' || job.status === 'running';

/**
 * Jobs this page started or queued again. A list read that was already under way when one was
 * started (the page's first read, a refresh), or an index not yet caught up with it, answers
 * without it; such a job stays in the list until a read includes it.
 */
const startedHere = new Set<string>();

/** The list as read, with the jobs started here that it does not include yet first. */
function withStartedHere(client: QueryClient, read: ExportJob[]): ExportJob[] {
  const ids = new Set(read.map((job) => job.id));
  const missing = (client.getQueryData<ExportJob[]>(figureKeys.exports()) ?? []).filter(
    (job) => startedHere.has(job.id) && !ids.has(job.id),
  );
  return [...missing, ...read];
}

/** Puts jobs read one by one into the list: newer versions replace theirs, new ones go first. */
function mergeExports(client: QueryClient, updated: ExportJob[]) {
  client.setQueryData<ExportJob[]>(figureKeys.exports(), (previous) => {
    const byId = new Map(updated.map((job) => [job.id, job]));
    const known = new Set((previous ?? []).map((job) => job.id));
    const fresh = updated.filter((job) => !known.has(job.id));
    return [...fresh, ...(previous ?? []).map((job) => byId.get(job.id) ?? job)];
  });
}

/**
 * The caller's export jobs, newest first, with their progress: while any is queued or running
 * (the user waits for it), those jobs are asked for again every REFRESH_MS.exportJob while the
 * tab is visible (each on its own, merged into the list); it stops once none is.
 */
export function useExports() {
  const client = useQueryClient();
  const list = useQuery({
    queryKey: figureKeys.exports(),
    queryFn: () => listExports().then((answer) => withStartedHere(client, answer.items)),
    staleTime: 0,
  });
  const active = (list.data ?? []).filter(isActiveExport).map((job) => job.id);
  useQuery({
    queryKey: figureKeys.exportProgress(active),
    queryFn: async () => {
      const updated = await Promise.all(active.map((id) => getExport(id)));
      mergeExports(client, updated);
      return updated;
    },
    enabled: active.length > 0,
    // The first question goes out one interval after the job is seen, as each later one.
    initialData: [],
    staleTime: REFRESH_MS.exportJob,
    gcTime: 0,
    ...whileVisible(REFRESH_MS.exportJob),
  });
  return list;
}

/**
 * Starting an export, queueing a failed or stuck one again (idempotent: a queued or running job
 * comes back as it is), or reading one again (for a fresh download URL): the list shows the job
 * as answered.
 */
export function useExportActions() {
  const client = useQueryClient();
  const merge = (job: ExportJob) => {
    startedHere.add(job.id);
    mergeExports(client, [job]);
    return job;
  };
  const start = useMutation({ mutationFn: (body: NewExport) => createExport(body).then(merge) });
  const retry = useMutation({ mutationFn: (id: string) => retryExport(id).then(merge) });
  const reread = (id: string) => getExport(id).then(merge);
  return { start: start.mutateAsync, starting: start.isPending, retry: retry.mutateAsync, reread };
}

// ---- monthly reports ----------------------------------------------------------------------------

/** A year's workbooks. Their download links are presigned for minutes: the list counts as fresh
 * while they last (then read again when the page opens or the tab is shown again), and a link
 * that lapsed is renewed when clicked (the page); never on a timer. */
export function useMonthlyReports(year: number) {
  return useQuery({
    queryKey: figureKeys.monthly(year),
    queryFn: () => listMonthlyReports(year).then((answer) => answer.items),
    ...freshWhileLinksLast((items: MonthlyReport[]) => items.map((r) => r.url), DEFAULT_STALE_MS),
  });
}

/** Head office: rebuilds one month's reports (`YYYY-MM`) now; that year's list is read again. */
export function useRunMonthlyReports() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: runMonthlyReports,
    onSuccess: (_answer, month) => client.invalidateQueries({ queryKey: figureKeys.monthly(Number(month.slice(0, 4))) }),
  });
}

// ---- names of scopes ----------------------------------------------------------------------------

/**
 * The name of an outlet (or of the whole network, `NETWORK`) in the reader's language: the
 * user's own outlet from their profile, others from the outlets (read only when `allOutlets`).
 */
export function useScopeName(allOutlets: boolean): (code: string, fallback?: string) => string {
  const me = useMe();
  const outlets: Outlet[] | null = useOutlets(allOutlets);
  const { lang, t } = useI18n();
  return useCallback(
    (code: string, fallback?: string) => {
      if (code === NETWORK_SCOPE) return t('kpi.network');
      if (code === me.outlet) return lang === 'en-US' ? me.outlet_name_en || me.outlet_name : me.outlet_name;
      const o = outlets?.find((x) => x.code === code);
      if (!o) return fallback || code;
      return lang === 'zh-CN' ? o.name : o.name_en || o.name;
    },
    [outlets, lang, t, me],
  );
}
