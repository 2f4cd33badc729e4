import { Flex, Tag, Tooltip } from 'antd';
import type { ClockSummary } from '../api/types';
import { useI18n } from '../i18n';
import { useNow } from '../utils/now';
import { countdownText, isActiveClock, liveStatus, secondsLeft, STATUS_COLORS, stoppedText } from '../utils/sla';
import { formatTime } from '../utils/time';

interface Props {
  clock: ClockSummary;
  /** Leave the clock's name out (it is already written next to the badge). */
  hideName?: boolean;
}

/**
 * One SLA clock as a coloured tag: its name and a countdown from the due time that ticks every
 * 30 s ("到场 · 剩余 3小时12分"); paused and stopped clocks say so instead.
 */
export function ClockBadge({ clock, hideName = false }: Props) {
  const i18n = useI18n();
  const { t, te } = i18n;
  const now = useNow();
  const status = liveStatus(clock, now);
  const left = secondsLeft(clock, now);
  let detail: string;
  if (status === 'paused') detail = te('slaStatus', 'paused');
  else if (status === 'met' || status === 'missed' || status === 'cancelled') detail = stoppedText(i18n, { ...clock, status });
  else if (left !== null) detail = countdownText(i18n, left);
  else detail = te('slaStatus', status);
  const tip = [te('slaStatus', status), clock.due_at ? t('sla.dueAt', { time: formatTime(clock.due_at) }) : null].filter(Boolean).join(' · ');
  return (
    <Tooltip title={tip}>
      <Tag
        color={STATUS_COLORS[status] ?? 'default'}
        data-testid={`clock-badge-${clock.name}`}
        data-status={status}
        style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}
      >
        {hideName ? detail : `${te('clock', clock.name)} · ${detail}`}
      </Tag>
    </Tooltip>
  );
}

/** The badges of an order's running and paused clocks, wrapping on narrow screens. */
export function ClockBadges({ clocks, all = false }: { clocks: ClockSummary[] | undefined; all?: boolean }) {
  const shown = (clocks ?? []).filter((c) => all || isActiveClock(c));
  if (shown.length === 0) return null;
  return (
    <Flex wrap gap={4} data-testid="clock-badges">
      {shown.map((clock) => (
        <ClockBadge key={clock.name} clock={clock} />
      ))}
    </Flex>
  );
}
