import { useMemo } from 'react';
import { EChart, type ChartClick, type ChartOption } from '../EChart';
import { KPI_CLOCKS, KPI_DURATIONS, type KpiClock, type KpiOutlet, type MonthKpi } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { formatDuration } from '../../../../utils/sla';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { DASH, pct, score, slaOf } from './kpi';

const BLUE = '#1677ff';
const GREEN = '#52c41a';
const ORANGE = '#fa8c16';
const RED = '#ff4d4f';
const GREY = '#bfbfbf';

const rateColor = (rate: number | null) => (rate === null ? GREY : rate >= 0.9 ? GREEN : rate >= 0.75 ? ORANGE : RED);

/** A rate 0..1 as a bar value in % ('-' is ECharts' "no value"). */
const ratePoint = (rate: number | null) => (rate === null ? '-' : Math.round(rate * 1000) / 10);

const chartHeight = (isMobile: boolean) => (isMobile ? 240 : 300);

const grid = (isMobile: boolean) => ({ left: 8, right: isMobile ? 8 : 16, top: 36, bottom: 8, containLabel: true });

/** Received vs completed per month; the selected month stands out. */
export function TrendChart({
  months,
  selected,
  onSelectMonth,
  onBar,
}: {
  months: MonthKpi[];
  selected: string;
  onSelectMonth: (month: string) => void;
  onBar: (month: string, metric: 'received' | 'completed') => void;
}) {
  const { t, lang } = useI18n();
  const isMobile = useIsMobile();
  const option = useMemo<ChartOption>(() => {
    const point = (m: MonthKpi, value: number) => ({ value, itemStyle: { opacity: m.month === selected ? 1 : 0.45 } });
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: grid(isMobile),
      xAxis: {
        type: 'category',
        data: months.map((m) => m.month),
        triggerEvent: true,
        axisLabel: {
          formatter: (v: string) => {
            const label = isMobile ? v.slice(2) : v;
            return v === selected ? `{sel|${label}}` : label;
          },
          rich: { sel: { fontWeight: 'bold', color: BLUE } },
        },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { id: 'received', name: t('kpi.received'), type: 'bar', color: BLUE, data: months.map((m) => point(m, m.received.total)) },
        { id: 'completed', name: t('kpi.completed'), type: 'bar', color: GREEN, data: months.map((m) => point(m, m.completed.total)) },
      ],
    };
    // lang: the series names follow the language.
  }, [months, selected, isMobile, t, lang]);

  const onClick = (e: ChartClick) => {
    if (e.componentType === 'xAxis' && typeof e.value === 'string') {
      onSelectMonth(e.value);
      return;
    }
    const month = months[e.dataIndex]?.month;
    if (e.componentType !== 'series' || !month) return;
    onSelectMonth(month);
    onBar(month, e.seriesId === 'completed' ? 'completed' : 'received');
  };

  return <EChart testId="chart-trend" option={option} height={chartHeight(isMobile)} onClick={onClick} />;
}

/** Compliance per clock for one month, in %. */
export function SlaChart({ month, onBar }: { month: MonthKpi; onBar: (clock: KpiClock) => void }) {
  const { t, te } = useI18n();
  const isMobile = useIsMobile();
  const option = useMemo<ChartOption>(
    () => ({
      aria: { enabled: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const { dataIndex } = p as { dataIndex: number };
          const clock = KPI_CLOCKS[dataIndex];
          const s = slaOf(month, clock);
          return `${te('clock', clock)}<br/>${t('kpi.slaRate')}: ${pct(s.rate)}<br/>${t('kpi.slaMet')}: ${s.met} · ${t('kpi.slaMissed')}: ${s.missed}`;
        },
      },
      grid: grid(isMobile),
      xAxis: {
        type: 'category',
        data: KPI_CLOCKS.map((c) => te('clock', c)),
        axisLabel: { interval: 0, rotate: isMobile ? 30 : 0 },
      },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          id: 'sla',
          name: t('kpi.slaRate'),
          type: 'bar',
          barMaxWidth: 48,
          label: {
            show: true,
            position: 'top',
            formatter: (p: unknown) => pct(slaOf(month, KPI_CLOCKS[(p as { dataIndex: number }).dataIndex]).rate),
          },
          data: KPI_CLOCKS.map((c) => {
            const { rate } = slaOf(month, c);
            return { value: ratePoint(rate), itemStyle: { color: rateColor(rate) } };
          }),
        },
      ],
    }),
    [month, isMobile, t, te],
  );
  const onClick = (e: ChartClick) => {
    if (e.componentType === 'series' && KPI_CLOCKS[e.dataIndex]) onBar(KPI_CLOCKS[e.dataIndex]);
  };
  return <EChart testId="chart-sla" option={option} height={chartHeight(isMobile)} onClick={onClick} />;
}

/** Mean and P90 time to contact / arrive / complete, in hours on the axis. */
export function DurationsChart({ month }: { month: MonthKpi }) {
  const i18n = useI18n();
  const { t } = i18n;
  const isMobile = useIsMobile();
  const option = useMemo<ChartOption>(() => {
    const text = (minutes: number | null | undefined) => (minutes === null || minutes === undefined ? DASH : formatDuration(i18n, minutes * 60));
    const hours = (minutes: number | null | undefined) => (minutes === null || minutes === undefined ? '-' : Math.round((minutes / 60) * 100) / 100);
    const stats = KPI_DURATIONS.map((d) => month.durations[d]);
    return {
      aria: { enabled: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (p: unknown) => {
          const index = (p as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          const s = stats[index];
          return `${t(`kpi.duration.${KPI_DURATIONS[index]}`)}<br/>${t('kpi.mean')}: ${text(s?.mean_minutes)}<br/>${t('kpi.p90')}: ${text(
            s?.p90_minutes,
          )}<br/>${t('kpi.sample', { n: s?.count ?? 0 })}`;
        },
      },
      legend: { top: 0 },
      grid: grid(isMobile),
      xAxis: { type: 'category', data: KPI_DURATIONS.map((d) => t(`kpi.duration.${d}`)) },
      yAxis: { type: 'value', name: t('kpi.hours'), nameTextStyle: { align: 'left' } },
      series: [
        {
          id: 'mean',
          name: t('kpi.mean'),
          type: 'bar',
          color: BLUE,
          label: { show: !isMobile, position: 'top', formatter: (p: unknown) => text(stats[(p as { dataIndex: number }).dataIndex]?.mean_minutes) },
          data: stats.map((s) => hours(s?.mean_minutes)),
        },
        {
          id: 'p90',
          name: t('kpi.p90'),
          type: 'bar',
          color: ORANGE,
          label: { show: !isMobile, position: 'top', formatter: (p: unknown) => text(stats[(p as { dataIndex: number }).dataIndex]?.p90_minutes) },
          data: stats.map((s) => hours(s?.p90_minutes)),
        },
      ],
    };
  }, [month, isMobile, i18n, t]);
  return <EChart testId="chart-durations" option={option} height={chartHeight(isMobile)} />;
}

/** Network scope: received / completed per outlet, compliance as a line. */
export function OutletsChart({
  outlets,
  outletName,
  onBar,
}: {
  outlets: KpiOutlet[];
  outletName: (o: KpiOutlet) => string;
  onBar: (outlet: string, metric: 'received' | 'completed') => void;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const option = useMemo<ChartOption>(
    () => ({
      aria: { enabled: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (p: unknown) => {
          const o = outlets[(p as { dataIndex: number }[])[0]?.dataIndex ?? 0];
          if (!o) return '';
          return `${outletName(o)}<br/>${t('kpi.received')}: ${o.received}<br/>${t('kpi.completed')}: ${o.completed}<br/>${t('kpi.slaRate')}: ${pct(
            o.sla_rate,
          )}<br/>${t('kpi.satisfaction')}: ${score(o.satisfaction)}`;
        },
      },
      legend: { top: 0 },
      grid: grid(isMobile),
      xAxis: {
        type: 'category',
        data: outlets.map(outletName),
        axisLabel: { interval: 0, rotate: isMobile || outlets.length > 6 ? 30 : 0 },
      },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { id: 'received', name: t('kpi.received'), type: 'bar', color: BLUE, data: outlets.map((o) => o.received) },
        { id: 'completed', name: t('kpi.completed'), type: 'bar', color: GREEN, data: outlets.map((o) => o.completed) },
        { id: 'sla', name: t('kpi.slaRate'), type: 'line', yAxisIndex: 1, color: ORANGE, connectNulls: false, data: outlets.map((o) => ratePoint(o.sla_rate)) },
      ],
    }),
    [outlets, outletName, isMobile, t],
  );
  const onClick = (e: ChartClick) => {
    const o = outlets[e.dataIndex];
    if (e.componentType !== 'series' || !o || (e.seriesId !== 'received' && e.seriesId !== 'completed')) return;
    onBar(o.outlet, e.seriesId);
  };
  return <EChart testId="chart-outlets" option={option} height={chartHeight(isMobile)} onClick={onClick} />;
}
