import { KPI_CLOCKS, KPI_DURATIONS, type KpiClock, type KpiMetric, type MonthKpi, type OrderType, type Priority } from '../../../../api/types';
import { addMonths } from '../../../../utils/month';

/** Every month from `from` to `to`, both included, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 120; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** A month with nothing in it: what the dashboard shows when the server sent no row. */
export function emptyMonth(month: string): MonthKpi {
  return {
    month,
    updated_at: '',
    received: { total: 0, by_type: {}, by_priority: {} },
    completed: { total: 0, by_type: {}, by_priority: {} },
    sla: Object.fromEntries(KPI_CLOCKS.map((clock) => [clock, { met: 0, missed: 0, rate: null }])) as MonthKpi['sla'],
    durations: Object.fromEntries(KPI_DURATIONS.map((d) => [d, { count: 0, mean_minutes: null, p90_minutes: null }])) as MonthKpi['durations'],
    satisfaction: { count: 0, overall: null, attitude: null, skill: null, punctuality: null, result: null },
    repeat_repairs: { count: 0, rate: null },
    technicians: [],
    outlets: [],
  };
}

/** The met / missed counts of a clock, zero when the month has none. */
export const slaOf = (m: MonthKpi, clock: KpiClock) => m.sla[clock] ?? { met: 0, missed: 0, rate: null };

/** Compliance over all clocks: met / (met + missed); null when nothing was due. */
export function overallSla(m: MonthKpi): { met: number; missed: number; rate: number | null } {
  let met = 0;
  let missed = 0;
  KPI_CLOCKS.forEach((clock) => {
    const s = slaOf(m, clock);
    met += s.met;
    missed += s.missed;
  });
  return { met, missed, rate: met + missed > 0 ? met / (met + missed) : null };
}

export const DASH = '—';

/** 0.945 → "94.5%" (to `decimals` places: the complaint rate, a few in a hundred, takes 2); null → "—". */
export const pct = (rate: number | null | undefined, decimals = 1) =>
  rate === null || rate === undefined ? DASH : `${Math.round(rate * 10 ** (decimals + 2)) / 10 ** decimals}%`;

/** A 1..5 average as "4.67"; null → "—". */
export const score = (avg: number | null | undefined) => (avg === null || avg === undefined ? DASH : String(Math.round(avg * 100) / 100));

/** What a drill-down lists: the orders behind one number. */
export interface DrillTarget {
  metric: KpiMetric;
  month: string;
  /** An outlet code or NETWORK; undefined: the manager's own outlet. */
  scope?: string;
  clock?: KpiClock;
  technician?: string;
  technicianName?: string;
  type?: OrderType;
  priority?: Priority;
}

/** The clock a click on the overall compliance shows first: the first one that missed. */
export function firstMissedClock(m: MonthKpi): KpiClock {
  return KPI_CLOCKS.find((c) => slaOf(m, c).missed > 0) ?? KPI_CLOCKS.find((c) => slaOf(m, c).met > 0) ?? KPI_CLOCKS[0];
}
