import type { ReactNode } from 'react';
import { Alert, Card, Collapse, Descriptions, Flex, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { Clock, ClockAdjustment } from '../../../../api/types';
import { useI18n, type I18n } from '../../../../i18n';
import { ClockBadge } from '../../../../components/ClockBadge';
import { formatDuration, formatTarget, periodReason } from '../../../../utils/sla';
import { formatRange, formatTime } from '../../../../utils/time';

interface Props {
  clocks: Clock[];
  nameOf: (username: string) => string;
}

/** 时限: every started clock of the order, with its due time and how that was computed. */
export function ClocksCard({ clocks, nameOf }: Props) {
  const { t } = useI18n();
  if (clocks.length === 0) return null;
  return (
    <Card size="small" title={t('clocks.title')} style={{ marginBottom: 16 }} data-testid="clocks-card">
      <Flex vertical gap={16}>
        {clocks.map((clock) => (
          <ClockBlock key={clock.name} clock={clock} nameOf={nameOf} />
        ))}
      </Flex>
    </Card>
  );
}

function ClockBlock({ clock, nameOf }: { clock: Clock; nameOf: (username: string) => string }) {
  const i18n = useI18n();
  const { t, te } = i18n;
  const { target, explanation } = clock;
  const unconfirmed = explanation?.unconfirmed_years ?? [];
  const items: DescriptionsProps['items'] = [
    {
      key: 'due',
      label: t('clocks.due'),
      children: <span data-testid={`clock-due-${clock.name}`}>{clock.due_at ? t('clocks.dueValue', { time: formatTime(clock.due_at) }) : '-'}</span>,
    },
    {
      key: 'started',
      label: t('clocks.started'),
      children: `${te('event', clock.start_event)} · ${formatTime(clock.started_at)}`,
    },
    {
      key: 'target',
      label: t('clocks.target'),
      children: <span data-testid={`clock-target-${clock.name}`}>{target ? formatTarget(i18n, target) : '-'}</span>,
    },
  ];
  if (clock.stopped_at) {
    items.push({ key: 'stopped', label: t('clocks.stopped'), children: formatTime(clock.stopped_at) });
  }
  if (target?.note) items.push({ key: 'note', label: t('clocks.rule'), children: target.note });
  if (target && target.rule_index !== null) {
    items.push({
      key: 'version',
      label: t('clocks.policyVersion'),
      children: t('clocks.versionRule', { version: target.policy_version, rule: target.rule_index + 1 }),
    });
  }
  if (clock.notified?.length) {
    items.push({ key: 'notified', label: t('clocks.notified'), children: clock.notified.map((l) => te('level', l)).join('、') });
  }

  return (
    <div data-testid={`clock-${clock.name}`} style={{ borderInlineStart: '3px solid #f0f0f0', paddingInlineStart: 12 }}>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{te('clock', clock.name)}</Typography.Text>
        <ClockBadge clock={clock} hideName />
        <Typography.Text type="secondary">{te('basis', clock.basis)}</Typography.Text>
      </Flex>
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }} items={items} />
      {unconfirmed.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid={`clock-unconfirmed-${clock.name}`}
          message={t('clocks.unconfirmed', { years: unconfirmed.join(i18n.lang === 'zh-CN' ? '、' : ', ') })}
        />
      )}
      {explanation && (
        <Collapse
          size="small"
          ghost
          style={{ marginTop: 4 }}
          data-testid={`clock-explain-${clock.name}`}
          items={[{ key: 'explain', label: t('clocks.explain'), children: <Explanation clock={clock} nameOf={nameOf} i18n={i18n} /> }]}
        />
      )}
    </div>
  );
}

function Section({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text strong>{title}</Typography.Text>
      {empty ? (
        <div>
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        </div>
      ) : (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20, wordBreak: 'break-word' }}>{children}</ul>
      )}
    </div>
  );
}

function Explanation({ clock, nameOf, i18n }: { clock: Clock; nameOf: (username: string) => string; i18n: I18n }) {
  const { t, te } = i18n;
  const { skipped = [], pauses = [], extensions = [], adjustments = [] } = clock.explanation;
  return (
    <div data-testid={`clock-explanation-${clock.name}`}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('clocks.explainIntro', {
          start: formatTime(clock.started_at),
          event: te('event', clock.start_event),
          target: clock.target ? formatTarget(i18n, clock.target) : '-',
        })}
      </Typography.Paragraph>
      <Section title={t('clocks.skipped')} empty={skipped.length === 0}>
        {skipped.map((p, index) => (
          <li key={`${p.start}-${index}`} data-testid="explain-skipped">
            {formatRange(p.start, p.end)}
            {t('common.colon')}
            {periodReason(i18n, p)}
          </li>
        ))}
      </Section>
      <Section title={t('clocks.pauses')} empty={pauses.length === 0}>
        {pauses.map((p, index) => (
          <li key={`${p.from}-${index}`} data-testid="explain-pause">
            {p.to ? formatRange(p.from, p.to) : t('clocks.pausedSince', { time: formatTime(p.from) })}
            {p.shift_seconds > 0 && <>{t('common.colon')}{t('clocks.shift', { d: formatDuration(i18n, p.shift_seconds) })}</>}
          </li>
        ))}
      </Section>
      <Section title={t('clocks.extensions')} empty={extensions.length === 0}>
        {extensions.map((e, index) => (
          <li key={`${e.at}-${index}`} data-testid="explain-extension">
            {t('clocks.extension', { time: formatTime(e.at), name: nameOf(e.by), d: formatDuration(i18n, e.minutes * 60), reason: e.reason })}
          </li>
        ))}
      </Section>
      {adjustments.length > 0 && (
        <Section title={t('clocks.adjustments')} empty={false}>
          {adjustments.map((a, index) => (
            <li key={`${a.at}-${index}`} data-testid="explain-adjustment">
              {formatTime(a.at)} {adjustmentText(i18n, a)}
              {a.previous_due_at && <>{t('common.colon')}{t('clocks.previousDue', { time: formatTime(a.previous_due_at) })}</>}
            </li>
          ))}
        </Section>
      )}
    </div>
  );
}

/** Why a running clock was computed again: the repair plan, or a corrected distance. */
function adjustmentText(i18n: I18n, a: ClockAdjustment): string {
  if (a.kind === 'plan') return i18n.t('clocks.adjustPlan', { planned: formatTime(a.planned_at), cap: formatTime(a.cap_at) });
  if (a.kind === 'distance') return i18n.t('clocks.adjustDistance', { km: String(a.distance_km ?? '-'), reason: a.reason ?? '' });
  return a.reason ?? '';
}
