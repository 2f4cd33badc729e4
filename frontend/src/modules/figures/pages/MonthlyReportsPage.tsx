import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Card, DatePicker, Flex, Space, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FileExcelOutlined, SyncOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { NETWORK_SCOPE, type MonthlyReport } from '../../../api/types';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { FreshLink } from '../../evidence/components/FreshFile';
import { formatBytes } from '../../evidence/lib/format';
import { MonthPicker } from '../../../components/MonthPicker';
import { PageHeader } from '../../../components/PageHeader';
import { RefreshButton } from '../../../components/RefreshButton';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useShowError } from '../../../utils/errors';
import { currentMonth, previousMonth } from '../../../utils/month';
import { DISPLAY_TZ, formatTime } from '../../../utils/time';
import { useMonthlyReports, useRunMonthlyReports, useScopeName } from '../queries';

interface MonthRow {
  month: string;
  reports: Map<string, MonthlyReport>;
}

/** The last full month in Shanghai time, `YYYY-MM`. */
const lastMonth = () => previousMonth(currentMonth());
const thisYear = () => Number(dayjs().tz(DISPLAY_TZ).format('YYYY'));

/** 月度报表: the workbooks built after each month closes, per outlet and for the network. */
export default function MonthlyReportsPage() {
  const can = useCan();
  // Head office reads every outlet's reports (named from the outlets) and rebuilds a month on demand.
  const scopeName = useScopeName(can('directory.all_outlets'));
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const runner = can('figures.monthly.run');
  const [params, setParams] = useSearchParams();
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : thisYear();
  // Keyed by year; the download links are short-lived: one that lapsed is renewed when clicked.
  const reports = useMonthlyReports(year);
  const items = reports.data ?? null;
  const loading = reports.isFetching;
  const [runMonth, setRunMonth] = useState(lastMonth);
  const { mutateAsync: rebuild, isPending: running } = useRunMonthlyReports();

  const setYear = (y: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (y === thisYear()) next.delete('year');
        else next.set('year', String(y));
        return next;
      },
      { replace: true },
    );

  // The network first, then the outlets in code order; months newest first.
  const scopes = useMemo(() => {
    const names = new Map<string, string>();
    (items ?? []).forEach((r) => names.set(r.scope, scopeName(r.scope, r.scope_name)));
    return [...names.entries()]
      .sort(([a], [b]) => (a === NETWORK_SCOPE ? -1 : b === NETWORK_SCOPE ? 1 : a.localeCompare(b)))
      .map(([code, name]) => ({ code, name }));
  }, [items, scopeName]);
  const rows = useMemo<MonthRow[]>(() => {
    const byMonth = new Map<string, Map<string, MonthlyReport>>();
    (items ?? []).forEach((r) => {
      if (!byMonth.has(r.month)) byMonth.set(r.month, new Map());
      byMonth.get(r.month)!.set(r.scope, r);
    });
    return [...byMonth.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([month, reports]) => ({ month, reports }));
  }, [items]);

  const run = async () => {
    try {
      const result = await rebuild(runMonth);
      void message.success(t('monthly.ran', { month: runMonth, n: result.items.length }));
      const runYear = Number(runMonth.slice(0, 4));
      if (runYear !== year) setYear(runYear);
    } catch (err) {
      showError(err);
    }
  };

  /** The workbook's link anew (the year's list read again), for a click after it lapsed. */
  const freshUrl = (r: MonthlyReport) => async () => {
    const fresh = (await reports.refetch({ throwOnError: true })).data;
    return fresh?.find((x) => x.month === r.month && x.scope === r.scope)?.url ?? null;
  };

  // the link in hand while it lasts; one that lapsed (the page left open) is read anew at the click
  const link = (r: MonthlyReport, label: string) => (
    <Tooltip title={t('monthly.generated', { time: formatTime(r.generated_at) })}>
      <FreshLink href={r.url} fresh={freshUrl(r)} download data-testid="monthly-link" data-month={r.month} data-scope={r.scope}>
        <FileExcelOutlined /> {label}
        <Typography.Text type="secondary"> ({formatBytes(r.size)})</Typography.Text>
      </FreshLink>
    </Tooltip>
  );

  const columns: TableColumnsType<MonthRow> = [
    { title: t('monthly.month'), dataIndex: 'month', key: 'month', fixed: 'left', width: 100 },
    ...scopes.map(
      (s): TableColumnsType<MonthRow>[number] => ({
        title: s.name,
        key: s.code,
        render: (_: unknown, row) => {
          const r = row.reports.get(s.code);
          return r ? link(r, t('monthly.download')) : <Typography.Text type="secondary">—</Typography.Text>;
        },
      }),
    ),
  ];

  const lastFull = lastMonth();
  return (
    <div data-testid="monthly-page" style={{ maxWidth: 1400 }}>
      <PageHeader title={t('monthly.title')}>
        <DatePicker
          picker="year"
          data-testid="monthly-year"
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          disabledDate={(d: Dayjs) => d.year() > thisYear()}
          onChange={(d) => d && setYear(d.year())}
        />
        <RefreshButton label={t('kpi.refresh')} loading={loading} onClick={() => void reports.refetch()} testId="monthly-refresh" />
      </PageHeader>
      <Typography.Paragraph type="secondary">{t('monthly.hint')}</Typography.Paragraph>

      {runner && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space wrap>
            <MonthPicker data-testid="monthly-run-month" value={runMonth} max={lastFull} onChange={setRunMonth} />
            <Button type="primary" icon={<SyncOutlined />} loading={running} onClick={() => void run()} data-testid="monthly-run">
              {runMonth === lastFull ? t('monthly.runLast') : t('monthly.runMonth', { month: runMonth })}
            </Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t('monthly.runHint')}
          </Typography.Paragraph>
        </Card>
      )}

      <div data-testid="monthly-reports">
        <ResponsiveTable<MonthRow>
          items={rows}
          rowKey="month"
          loading={items === null}
          error={reports.error}
          onRetry={() => void reports.refetch()}
          retrying={reports.isFetching}
          empty={t('monthly.empty', { year })}
          columns={columns}
          size="small"
          onRow={(row) => ({ 'data-testid': 'monthly-row', 'data-month': row.month })}
          renderCard={(row) => (
            <Card size="small" title={row.month} style={{ width: '100%' }} data-testid="monthly-row" data-month={row.month}>
              <Flex vertical gap={6}>
                {scopes
                  .filter((s) => row.reports.has(s.code))
                  .map((s) => (
                    <div key={s.code}>{link(row.reports.get(s.code)!, s.name)}</div>
                  ))}
              </Flex>
            </Card>
          )}
        />
      </div>
    </div>
  );
}
