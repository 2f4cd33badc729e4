import dayjs, { type Dayjs } from 'dayjs';
import { DISPLAY_TZ } from './time';

/*
 * Months as the API names them: `YYYY-MM`, in the outlets' time zone (the monthly figures, the
 * complaint rate, a person's record).
 */

/** A month as the API names it. */
export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The current month in the outlets' time zone, `YYYY-MM`. */
export const currentMonth = () => dayjs().tz(DISPLAY_TZ).format('YYYY-MM');

/** `YYYY-MM` → its first day (a month picker's value). */
export const monthStart = (month: string) => dayjs(`${month}-01`);

/** A day's month, `YYYY-MM` (what a month picker picked). */
export const monthOf = (day: Dayjs) => day.format('YYYY-MM');

/** `YYYY-MM` shifted by n months. */
export const addMonths = (month: string, n: number) => monthOf(monthStart(month).add(n, 'month'));

/** `2026-11` → `2026-10`. */
export const previousMonth = (month: string) => addMonths(month, -1);
