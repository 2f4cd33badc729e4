import { Link, useNavigate } from 'react-router-dom';
import { Card, Segmented, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AtRisk, ClockSummary } from '../../../api/types';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { ClockBadge } from '../../../components/ClockBadge';
import { OrderCardHeader } from '../../../components/OrderCardHeader';
import { PageHeader } from '../../../components/PageHeader';
import { RefreshButton } from '../../../components/RefreshButton';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { PriorityTag, StateTag } from '../../../components/StatusTags';
import { useNow } from '../../../utils/now';
import { countdownText, liveStatus, secondsLeft, STATUS_COLORS } from '../../../utils/sla';
import { formatTime } from '../../../utils/time';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { useOutletParam } from '../../directory/useOutletParam';
import { useAtRisk } from '../queries';

const HORIZONS = [4, 24, 72];

/** Time left on a clock, ticking; red once it is late. */
function TimeLeft({ clock, fallback }: { clock: ClockSummary; fallback: number }) {
  const i18n = useI18n();
  const now = useNow();
  const left = secondsLeft(clock, now) ?? fallback;
  return (
    <Typography.Text type={left < 0 ? 'danger' : undefined} strong={left < 0} data-testid="risk-left" data-seconds={left}>
      {countdownText(i18n, left)}
    </Typography.Text>
  );
}

function ClockTag({ clock }: { clock: ClockSummary }) {
  const { te } = useI18n();
  const now = useNow();
  const status = liveStatus(clock, now);
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status} data-testid="risk-clock">
      {te('clock', clock.name)}
    </Tag>
  );
}

/** 时限预警: the running clocks of an outlet that are late or due soon, most overdue first. */
export default function AtRiskPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  // Head office picks the outlet (the first one until they choose); a manager sees their own.
  const anyOutlet = useCan()('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const { params, setParam, outlet } = useOutletParam(anyOutlet, outlets);
  const horizon = HORIZONS.includes(Number(params.get('horizon'))) ? Number(params.get('horizon')) : 24;
  const ready = !anyOutlet || Boolean(outlet);
  // Keyed by outlet and horizon: an answer for an earlier choice is never shown for this one.
  const { data, isFetching, refetch } = useAtRisk(outlet, horizon, ready);
  const items = data?.items ?? null;
  const loadedAt = data?.now ?? null;

  const rowTestId = (r: AtRisk) => `risk-row-${r.number}-${r.clock.name}`;
  const columns: TableColumnsType<AtRisk> = [
    {
      title: t('col.number'),
      dataIndex: 'number',
      key: 'number',
      render: (n: string, r) => (
        <Link to={r.link} data-testid="risk-link">
          {n}
        </Link>
      ),
    },
    { title: t('col.customer'), dataIndex: 'customer_name', key: 'customer' },
    { title: t('col.technician'), dataIndex: 'technician_name', key: 'technician', render: (v: string | null) => v ?? '-' },
    { title: t('col.priority'), dataIndex: 'priority', key: 'priority', render: (v: AtRisk['priority']) => <PriorityTag priority={v} /> },
    { title: t('col.state'), dataIndex: 'state', key: 'state', render: (v: AtRisk['state']) => <StateTag state={v} /> },
    { title: t('col.clock'), key: 'clock', render: (_: unknown, r) => <ClockTag clock={r.clock} /> },
    { title: t('col.due'), key: 'due', render: (_: unknown, r) => formatTime(r.clock.due_at) },
    { title: t('col.timeLeft'), key: 'left', render: (_: unknown, r) => <TimeLeft clock={r.clock} fallback={r.seconds_left} /> },
  ];

  return (
    <div>
      <PageHeader title={t('risk.title')}>
        {anyOutlet && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="risk-outlet" />}
        <Segmented<number>
          data-testid="risk-horizon"
          value={horizon}
          onChange={(h) => setParam('horizon', String(h))}
          options={HORIZONS.map((h) => ({ value: h, label: t('risk.hours', { h }) }))}
        />
        <RefreshButton label={t('risk.refresh')} loading={isFetching} onClick={() => void refetch()} testId="risk-refresh" />
      </PageHeader>
      <Typography.Paragraph type="secondary">
        {t('risk.hint', { h: horizon })}
        {loadedAt && ` · ${t('risk.updated', { time: formatTime(loadedAt) })}`}
      </Typography.Paragraph>
      <ResponsiveTable<AtRisk>
        items={items ?? []}
        rowKey={rowTestId}
        loading={items === null && ready}
        empty={t('risk.empty')}
        columns={columns}
        onRow={(r) => ({ 'data-testid': rowTestId(r) })}
        renderCard={(r) => (
          <Card size="small" hoverable data-testid={rowTestId(r)} onClick={() => navigate(r.link)} style={{ width: '100%' }}>
            <OrderCardHeader number={r.number} priority={r.priority} state={r.state} />
            <div style={{ margin: '6px 0' }}>
              <ClockBadge clock={r.clock} />
            </div>
            <div style={{ wordBreak: 'break-word' }}>
              {r.customer_name}
              <Typography.Text type="secondary"> · {r.technician_name ?? '-'}</Typography.Text>
            </div>
            <Typography.Text type="secondary">{t('sla.dueAt', { time: formatTime(r.clock.due_at) })}</Typography.Text>
          </Card>
        )}
      />
    </div>
  );
}
