import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Col, Empty, Row, Select, Spin, Statistic, Typography } from 'antd';
import { useMe } from '../../../api/session';
import { NETWORK_SCOPE, type KpiOutlet, type MonthKpi } from '../../../api/types';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { MonthRangePicker } from '../../../components/MonthPicker';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState } from '../../../components/ErrorState';
import { RefreshButton } from '../../../components/RefreshButton';
import { addMonths, currentMonth, MONTH_RE } from '../../../utils/month';
import { formatTime } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { Drilldown } from '../components/dashboard/Drilldown';
import { DurationsChart, OutletsChart, SlaChart, TrendChart } from '../components/dashboard/KpiCharts';
import { emptyMonth, firstMissedClock, monthsBetween, overallSla, pct, score, type DrillTarget } from '../components/dashboard/kpi';
import { TechnicianTable } from '../components/dashboard/TechnicianTable';
import { useOutlets } from '../../directory/queries';
import { useKpiSummary, useScopeName } from '../queries';
import { ComplaintRateCard } from '../../complaints/rate/RateCard';

const DEFAULT_MONTHS = 6;
const MAX_MONTHS = 36;

/** A number card; clicking it opens the orders behind it. */
function StatCard({
  testId,
  title,
  value,
  raw,
  footer,
  loading,
  onClick,
}: {
  testId: string;
  title: string;
  value: string | number;
  raw: number | null;
  footer?: ReactNode;
  loading: boolean;
  onClick: () => void;
}) {
  return (
    <Card
      size="small"
      hoverable
      data-testid={testId}
      data-value={raw ?? ''}
      onClick={onClick}
      role="button"
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onClick();
        }
      }}
      style={{ height: '100%' }}
    >
      <Statistic title={title} value={value} loading={loading} />
      {footer && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {footer}
        </Typography.Text>
      )}
    </Card>
  );
}

/** 数据看板: monthly KPIs of an outlet (or, for head office, the network) with drill-down to the orders. */
export default function DashboardPage() {
  const me = useMe();
  const { t } = useI18n();
  const isMobile = useIsMobile();
  // Head office picks the network or any outlet; a manager sees their own outlet.
  const can = useCan();
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const [params, setParams] = useSearchParams();

  const setParam = useCallback(
    (values: Record<string, string | null>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          Object.entries(values).forEach(([key, value]) => (value === null ? next.delete(key) : next.set(key, value)));
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  // Scope: head office picks the network (default) or an outlet; a manager sees their own outlet.
  const scope = anyOutlet ? (params.get('scope') ?? NETWORK_SCOPE) : me.outlet;
  const network = anyOutlet && scope === NETWORK_SCOPE;

  // Range: the last six months including this one, unless the URL says otherwise.
  const thisMonth = currentMonth();
  const [from, to] = useMemo(() => {
    const rawFrom = params.get('from');
    const rawTo = params.get('to');
    let a = rawFrom && MONTH_RE.test(rawFrom) ? rawFrom : addMonths(thisMonth, -(DEFAULT_MONTHS - 1));
    let b = rawTo && MONTH_RE.test(rawTo) ? rawTo : thisMonth;
    if (a > b) [a, b] = [b, a];
    if (monthsBetween(a, b).length > MAX_MONTHS) a = addMonths(b, -(MAX_MONTHS - 1));
    return [a, b];
  }, [params, thisMonth]);
  const rangeMonths = useMemo(() => monthsBetween(from, to), [from, to]);
  const monthParam = params.get('month');
  const month = monthParam && rangeMonths.includes(monthParam) ? monthParam : to;

  // Keyed by scope and months: an answer for an earlier choice is never shown for this one.
  const summary = useKpiSummary({ scope: anyOutlet ? scope : undefined, from, to });
  const data = summary.data ?? null;
  const loading = summary.isFetching;
  const [drill, setDrill] = useState<DrillTarget | null>(null);

  // One row per month of the range; months the server left out count as empty.
  const months = useMemo<MonthKpi[]>(() => {
    const byMonth = new Map((data?.months ?? []).map((m) => [m.month, m]));
    return rangeMonths.map((m) => byMonth.get(m) ?? emptyMonth(m));
  }, [data, rangeMonths]);
  const current = months.find((m) => m.month === month) ?? emptyMonth(month);

  const outletLabel = useScopeName(anyOutlet);
  const scopeName = useCallback((s: string | undefined) => outletLabel(s ?? me.outlet), [outletLabel, me.outlet]);
  const kpiOutletName = useCallback((o: KpiOutlet) => outletLabel(o.outlet, o.name), [outletLabel]);

  /** Drill into the current scope (the manager's own outlet when scope is left out). */
  const open = (target: Omit<DrillTarget, 'scope'> & { scope?: string }) =>
    setDrill({ ...target, scope: target.scope ?? (anyOutlet ? scope : undefined) });

  const sla = overallSla(current);
  const ready = data !== null;
  const cardSpan = { xs: 24, sm: 12, md: 8, xl: { flex: '20%' } } as const;

  const cards = [
    { testId: 'kpi-received', title: t('kpi.received'), value: current.received.total, raw: current.received.total,
      footer: t('kpi.urgentOf', { n: current.received.by_priority.urgent ?? 0 }),
      onClick: () => open({ metric: 'received', month }) },
    { testId: 'kpi-completed', title: t('kpi.completed'), value: current.completed.total, raw: current.completed.total,
      footer: t('kpi.completedHint'), onClick: () => open({ metric: 'completed', month }) },
    { testId: 'kpi-sla-rate', title: t('kpi.slaRate'), value: pct(sla.rate), raw: sla.rate,
      footer: t('kpi.slaCounts', { met: sla.met, missed: sla.missed }),
      onClick: () => open({ metric: 'sla_missed', month, clock: firstMissedClock(current) }) },
    { testId: 'kpi-satisfaction', title: t('kpi.satisfaction'), value: score(current.satisfaction.overall),
      raw: current.satisfaction.overall, footer: t('kpi.visits', { n: current.satisfaction.count }),
      onClick: () => open({ metric: 'visited', month }) },
    { testId: 'kpi-repeat', title: t('kpi.repeat'), value: current.repeat_repairs.count,
      raw: current.repeat_repairs.count,
      footer: t('kpi.repeatRate', { rate: pct(current.repeat_repairs.rate) }),
      onClick: () => open({ metric: 'repeat', month }) },
  ];

  return (
    <div data-testid="dashboard-page" style={{ maxWidth: 1600 }}>
      <PageHeader title={t('kpi.title')}>
        {anyOutlet ? (
          <OutletSelect
            outlets={outlets}
            value={scope}
            onChange={(code) => setParam({ scope: code === NETWORK_SCOPE ? null : code })}
            testId="kpi-scope"
            extra={[{ value: NETWORK_SCOPE, label: t('kpi.network') }]}
          />
        ) : (
          <Typography.Text strong data-testid="kpi-scope" data-scope={me.outlet}>
            {scopeName(undefined)}
          </Typography.Text>
        )}
        <MonthRangePicker
          data-testid="kpi-range"
          value={[from, to]}
          max={thisMonth}
          onChange={(a, b) => setParam({ from: a, to: b, month: null })}
          style={isMobile ? { width: '100%' } : undefined}
        />
        <Select<string>
          data-testid="kpi-month"
          value={month}
          onChange={(m) => setParam({ month: m === to ? null : m })}
          options={[...rangeMonths].reverse().map((m) => ({ value: m, label: m }))}
          style={{ minWidth: 110 }}
          aria-label={t('kpi.month')}
        />
        <RefreshButton label={t('kpi.refresh')} loading={loading} onClick={() => void summary.refetch()} testId="kpi-refresh" />
      </PageHeader>
      <Typography.Paragraph type="secondary" data-testid="kpi-caption">
        {t('kpi.caption', { scope: scopeName(anyOutlet ? scope : undefined), month })}
        {current.updated_at && ` · ${t('kpi.updated', { time: formatTime(current.updated_at) })}`}
      </Typography.Paragraph>

      {summary.error ? <ErrorState error={summary.error} onRetry={() => void summary.refetch()} retrying={summary.isFetching} compact={ready} stale={ready} /> : null}
      {summary.error && !ready ? null : (
      <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {cards.map((card) => (
          <Col key={card.testId} {...cardSpan}>
            <StatCard {...card} loading={!ready} />
          </Col>
        ))}
      </Row>

      <Spin spinning={!ready && loading}>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('kpi.chart.trend')} extra={<Typography.Text type="secondary">{t('kpi.chart.trendHint')}</Typography.Text>}>
              <TrendChart
                months={months}
                selected={month}
                onSelectMonth={(m) => setParam({ month: m === to ? null : m })}
                onBar={(m, metric) => open({ metric, month: m })}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('kpi.chart.sla', { month })}>
              <SlaChart month={current} onBar={(clock) => open({ metric: 'sla_missed', month, clock })} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('kpi.chart.durations', { month })}>
              <DurationsChart month={current} />
            </Card>
          </Col>
          {network && (
            <Col xs={24} xl={12}>
              <Card size="small" title={t('kpi.chart.outlets', { month })}>
                {current.outlets.length > 0 || !ready ? (
                  <OutletsChart
                    outlets={current.outlets}
                    outletName={kpiOutletName}
                    onBar={(outlet, metric) => open({ metric, month, scope: outlet })}
                  />
                ) : (
                  <Empty data-testid="chart-outlets" description={t('kpi.noData')} />
                )}
              </Card>
            </Col>
          )}
        </Row>
      </Spin>

      {/* the complaint rate (issue 15): the dashboard's month once it is over, else the month before */}
      {can('complaints.rate.read') && (
        <ComplaintRateCard scope={anyOutlet ? scope : undefined} scopeName={scopeName(anyOutlet ? scope : undefined)} month={month} currentMonth={thisMonth} />
      )}

      <Card size="small" title={t('kpi.tech.title', { month })}>
        <TechnicianTable
          technicians={current.technicians}
          loading={!ready && loading}
          showOutlet={network}
          outletName={(code) => outletLabel(code)}
          onDrill={(tech, metric) => open({ metric, month, technician: tech.username, technicianName: tech.name })}
        />
      </Card>
      </>
      )}

      <Drilldown target={drill} scopeName={scopeName} onChange={setDrill} onClose={() => setDrill(null)} />
    </div>
  );
}
