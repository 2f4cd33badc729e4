import type { I18n } from '../i18n';
import type { ClockStatus, ClockSummary, ClockTarget, SkippedPeriod } from '../api/types';

/** Tag colours of the clock statuses. */
export const STATUS_COLORS: Record<ClockStatus, string> = {
  on_track: 'blue',
  at_risk: 'orange',
  breached: 'red',
  met: 'green',
  missed: 'volcano',
  paused: 'default',
  cancelled: 'default',
};

/** A clock that still counts (or is paused): what the badges of lists and cards show. */
export const isActiveClock = (clock: ClockSummary) => !clock.stopped_at && clock.status !== 'met' && clock.status !== 'missed' && clock.status !== 'cancelled';

/**
 * The status as of `now`: the server's, moved on while the page stays open — on_track becomes
 * at_risk at the warning time and at_risk/on_track become breached at the due time.
 */
export function liveStatus(clock: ClockSummary, now: number): ClockStatus {
  const { status } = clock;
  if (status === 'met' || status === 'missed' || status === 'cancelled') return status;
  if (clock.paused || status === 'paused') return 'paused';
  if (status !== 'on_track' && status !== 'at_risk') return status;
  const due = clock.due_at ? Date.parse(clock.due_at) : NaN;
  if (!Number.isNaN(due) && now >= due) return 'breached';
  const warn = clock.warning_at ? Date.parse(clock.warning_at) : NaN;
  if (status === 'on_track' && !Number.isNaN(warn) && now >= warn) return 'at_risk';
  return status;
}

/** Seconds until the clock is due (negative when late); null without a due time. */
export function secondsLeft(clock: ClockSummary, now: number): number | null {
  if (!clock.due_at) return null;
  const due = Date.parse(clock.due_at);
  return Number.isNaN(due) ? null : Math.round((due - now) / 1000);
}

/** A span as "3小时12分" / "3h 12m" (minutes rounded up; days from 24 h on). */
export function formatDuration({ t }: I18n, seconds: number): string {
  const minutes = Math.ceil(Math.abs(seconds) / 60);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? t('dur.dh', { d, h }) : t('dur.d', { d });
  if (h > 0) return t('dur.hm', { h, m });
  return t('dur.m', { m });
}

/** "剩余 3小时12分" / "超时 1小时5分". */
export function countdownText(i18n: I18n, seconds: number): string {
  const span = formatDuration(i18n, seconds);
  return seconds >= 0 ? i18n.t('sla.left', { d: span }) : i18n.t('sla.late', { d: span });
}

const trimNumber = (n: number) => String(Number.isInteger(n) ? n : Number(n.toFixed(2)));

/** "20 分钟（自然时间）" / "3 working days (working time)". */
export function formatTarget(i18n: I18n, target: Pick<ClockTarget, 'amount' | 'unit' | 'basis'>): string {
  // a clock due at an agreed instant (an improvement's due date) has no amount of time
  if (target.amount === null || target.unit === null) return '-';
  const amount = i18n.tk(`unit.${target.unit}`, `{n} ${target.unit}`).replace('{n}', trimNumber(target.amount));
  return i18n.t('sla.targetWithBasis', { amount, basis: i18n.te('basis', target.basis) });
}

/** A skipped period's reason in the current language (the server gives English and Chinese). */
export function periodReason(i18n: I18n, period: Pick<SkippedPeriod, 'reason' | 'reason_zh'>): string {
  if (i18n.lang === 'zh-CN' && period.reason_zh) return period.reason_zh;
  return reasonText(i18n, period.reason);
}

/** The calendar's English reason codes ("weekend", "National Day", "override: …") in the current language. */
function reasonText(i18n: I18n, reason: string): string {
  const override = /^override: (.*)$/s.exec(reason);
  if (override) return i18n.t('reason.override', { reason: override[1] });
  const adjusted = /^adjusted working day: (.*)$/s.exec(reason);
  if (adjusted) return i18n.t('reason.adjusted', { holiday: reasonText(i18n, adjusted[1]) });
  return i18n.tk(`reason.${reason}`, reason);
}

/** "剩余/超时" for a stopped clock: on time, or late by the span in its basis. */
export function stoppedText(i18n: I18n, clock: ClockSummary): string {
  if (clock.status === 'missed' && clock.late_seconds) return i18n.t('sla.lateBy', { d: formatDuration(i18n, clock.late_seconds) });
  return i18n.te('slaStatus', clock.status);
}
