import dayjs from 'dayjs';
import { DISPLAY_TZ } from './time';

/*
 * Months as the API names them: `YYYY-MM`, in the outlets' time zone (the monthly figures, the
 * complaint rate, a person's record).
 */

/** A month as the API names it. */
export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The current month in the outlets' time zone, `YYYY-MM`. */
export const currentMonth = () => dayjs().tz(DISPLAY_TZ).format('YYYY-MM');

/** `YYYY-MM` shifted by n months. */
export const addMonths = (month: string, n: number) => dayjs(`${month}-01`).add(n, 'month').format('YYYY-MM');

/** `2026-11` → `2026-10`. */
export const previousMonth = (month: string) => addMonths(month, -1);
