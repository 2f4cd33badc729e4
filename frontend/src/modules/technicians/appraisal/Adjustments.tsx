import { Link } from 'react-router-dom';
import { Card, Flex, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../../i18n';
import { formatFen } from '../../../utils/money';
import type { AppraisalAdjustment } from './types';

/** A figure as shown: money in 元, the satisfaction to two places, "—" for none. */
function shown(value: number | null, field: string): string {
  if (value === null) return '—';
  if (field.endsWith('_fen')) return formatFen(value);
  return String(Math.round(value * 100) / 100);
}

/** A change as a signed number: "+1", "-2", money as "+¥50.00". */
function signed(value: number, field: string): string {
  return `${value < 0 ? '-' : '+'}${shown(Math.abs(value), field)}`;
}

/**
 * 已签字月份的调整: what changed in signed months' figures after their sign-off (a complaint
 * received then and judged later), per month and technician, only the figures that changed;
 * counted in this month.
 */
export function Adjustments({ month, adjustments }: { month: string; adjustments: AppraisalAdjustment[] }) {
  const { t, tk } = useI18n();
  if (adjustments.length === 0) return null;
  return (
    <Card size="small" title={t('appraisal.adjustments')} data-testid="appraisal-adjustments">
      <Typography.Paragraph type="secondary">{t('appraisal.adjustmentsHint', { month })}</Typography.Paragraph>
      <Flex vertical gap={8}>
        {adjustments.map((a) => (
          <Flex key={`${a.month}-${a.username}`} wrap gap={8} align="center" data-testid="appraisal-adjustment" data-username={a.username} data-month={a.month}>
            <Tag data-testid="appraisal-adjustment-month">{a.month}</Tag>
            <Link to={`/technicians/${encodeURIComponent(a.username)}`} style={{ minWidth: 90 }}>
              {a.name || a.username}
            </Link>
            {a.changes.map((c) => (
              <Tooltip key={c.field} title={t('appraisal.adjustmentFromTo', { signed: shown(c.signed, c.field), now: shown(c.now, c.field) })}>
                <Tag color="blue" data-testid={`appraisal-adjustment-${c.field}`} data-value={c.delta ?? ''}>
                  {tk(`appraisal_field.${c.field}`, c.field)} {c.delta === null ? `${shown(c.signed, c.field)} → ${shown(c.now, c.field)}` : signed(c.delta, c.field)}
                </Tag>
              </Tooltip>
            ))}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
