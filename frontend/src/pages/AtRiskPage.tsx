import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Card, Segmented, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { getAtRisk } from '../api/client';
import { useOutlets } from '../api/hooks';
import { useMe } from '../api/session';
import type { AtRisk, ClockSummary } from '../api/types';
import { isHeadOffice } from '../access';
import { useI18n } from '../i18n';
import { ClockBadge } from '../components/ClockBadge';
import { OrderCardHeader } from '../components/OrderCard';
import { OutletSelect } from '../components/OutletSelect';
import { PageHeader } from '../components/PageHeader';
import { RefreshButton } from '../components/RefreshButton';
import { ResponsiveTable } from '../components/ResponsiveTable';
import { PriorityTag, StateTag } from '../components/StatusTags';
import { useShowError } from '../utils/errors';
import { noteServerNow, useInterval, useNow } from '../utils/now';
import { countdownText, liveStatus, secondsLeft, STATUS_COLORS } from '../utils/sla';
import { formatTime } from '../utils/time';
import { useOutletParam } from '../utils/useOutletParam';

const HORIZONS = [4, 24, 72];
const REFRESH_MS = 60_000;

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
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  const showError = useShowError();
  const headOffice = isHeadOffice(me.role);
  const outlets = useOutlets(headOffice);
  const { params, setParam, outlet } = useOutletParam(headOffice, outlets);
  const horizon = HORIZONS.includes(Number(params.get('horizon'))) ? Number(params.get('horizon')) : 24;
  const [items, setItems] = useState<AtRisk[] | null>(null);
  const [loadedAt, setLoadedAt] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const ready = !headOffice || Boolean(outlet);
  const load = useCallback(() => {
    if (!ready) return;
    setLoading(true);
    getAtRisk({ outlet, horizon_hours: horizon })
      .then((r) => {
        noteServerNow(r.now);
        setItems(r.items);
        setLoadedAt(r.now);
      })
      .catch(showError)
      .finally(() => setLoading(false));
  }, [ready, outlet, horizon, showError]);

  useEffect(() => {
    setItems(null);
    load();
  }, [load]);
  useInterval(load, REFRESH_MS);

  const rowTestId = (r: AtRisk) => `risk-row-${r.number}-${r.clock.name}`;
  const columns: TableColumnsType<AtRisk> = [
    {
      title: t('col.number'),
      dataIndex: 'number',
      key: 'number',
      render: (n: string, r) => (
        <Link to={`/work-orders/${r.order_id}`} data-testid="risk-link">
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
        {headOffice && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="risk-outlet" />}
        <Segmented<number>
          data-testid="risk-horizon"
          value={horizon}
          onChange={(h) => setParam('horizon', String(h))}
          options={HORIZONS.map((h) => ({ value: h, label: t('risk.hours', { h }) }))}
        />
        <RefreshButton label={t('risk.refresh')} loading={loading} onClick={load} testId="risk-refresh" />
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
          <Card size="small" hoverable data-testid={rowTestId(r)} onClick={() => navigate(`/work-orders/${r.order_id}`)} style={{ width: '100%' }}>
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
