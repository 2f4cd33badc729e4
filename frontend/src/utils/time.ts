import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Times are stored in UTC and shown in the outlets' time zone. */
export const DISPLAY_TZ = 'Asia/Shanghai';
const WALL_FORMAT = 'YYYY-MM-DDTHH:mm:ss';

/** `2026-11-23T02:15:00Z` → `2026-11-23 10:15` (Asia/Shanghai). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  const d = dayjs.utc(iso);
  return d.isValid() ? d.tz(DISPLAY_TZ).format('YYYY-MM-DD HH:mm') : iso;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
export const looksLikeDateTime = (value: unknown): value is string => typeof value === 'string' && ISO_DATETIME.test(value);

/*
 * Pickers work on the browser's local clock. We give them Shanghai wall-clock time and read the
 * picked wall-clock time back as Shanghai time, so the form means the same thing whatever time
 * zone the browser is set to.
 */

/** "Now" as a picker value showing the current Shanghai wall-clock time. */
export function nowForPicker(): Dayjs {
  return dayjs(dayjs().tz(DISPLAY_TZ).format(WALL_FORMAT));
}

/** A UTC ISO string as a picker value (Shanghai wall-clock). */
export function isoToPicker(iso: string): Dayjs {
  return dayjs(dayjs.utc(iso).tz(DISPLAY_TZ).format(WALL_FORMAT));
}

/** A picker value (Shanghai wall-clock) as a UTC ISO string without milliseconds. */
export function pickerToIso(value: Dayjs): string {
  return dayjs.tz(value.format(WALL_FORMAT), DISPLAY_TZ).utc().format('YYYY-MM-DDTHH:mm:ss[Z]');
}

/** A date-only picker value as `YYYY-MM-DD`. */
export const pickerToDate = (value: Dayjs) => value.format('YYYY-MM-DD');

/** Two instants as "2026-11-23 17:30 – 11-24 08:30" (the end shortened when it shares the date or year). */
export function formatRange(start: string, end: string): string {
  const a = dayjs.utc(start).tz(DISPLAY_TZ);
  const b = dayjs.utc(end).tz(DISPLAY_TZ);
  if (!a.isValid() || !b.isValid()) return `${formatTime(start)} – ${formatTime(end)}`;
  const sameDay = a.format('YYYY-MM-DD') === b.format('YYYY-MM-DD');
  const endFormat = sameDay ? 'HH:mm' : a.year() === b.year() ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm';
  return `${a.format('YYYY-MM-DD HH:mm')} – ${b.format(endFormat)}`;
}
