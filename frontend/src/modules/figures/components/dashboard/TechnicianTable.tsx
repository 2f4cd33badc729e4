import { Empty, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { KpiMetric, KpiTechnician } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { CellText, pagedOver } from '../../../../components/ResponsiveTable';
import { pct, score } from './kpi';

interface Props {
  technicians: KpiTechnician[];
  loading: boolean;
  /** Show the outlet column (network scope). */
  showOutlet: boolean;
  outletName: (code: string) => string;
  onDrill: (tech: KpiTechnician, metric: KpiMetric) => void;
}

/** Per-technician figures of the selected month; the counts open their orders. */
export function TechnicianTable({ technicians, loading, showOutlet, outletName, onDrill }: Props) {
  const { t } = useI18n();

  /** A count that opens the orders behind it (plain text when there are none). */
  const drillable = (value: number, text: string, tech: KpiTechnician, metric: KpiMetric, testId: string) =>
    value > 0 ? (
      <Typography.Link data-testid={testId} data-value={value} onClick={() => onDrill(tech, metric)}>
        {text}
      </Typography.Link>
    ) : (
      <span data-testid={testId} data-value={value}>
        {text}
      </span>
    );

  const columns: TableColumnsType<KpiTechnician> = [
    // long names are cut with an ellipsis, the whole in a tooltip
    { title: t('kpi.tech.name'), dataIndex: 'name', key: 'name', fixed: 'left', width: 170, ellipsis: { showTitle: false }, render: (v: string, r) => <CellText text={v || r.username} /> },
    ...(showOutlet
      ? [{ title: t('directory.outlet'), dataIndex: 'outlet', key: 'outlet', width: 160, ellipsis: { showTitle: false }, render: (v: string) => <CellText text={outletName(v)} /> } as TableColumnsType<KpiTechnician>[number]]
      : []),
    {
      title: t('kpi.completed'),
      dataIndex: 'completed',
      key: 'completed',
      align: 'right',
      sorter: (a, b) => a.completed - b.completed,
      defaultSortOrder: 'descend',
      render: (v: number, r) => drillable(v, String(v), r, 'completed', 'kpi-tech-completed'),
    },
    {
      title: t('kpi.tech.onTime'),
      key: 'on_time_rate',
      align: 'right',
      sorter: (a, b) => (a.on_time_rate ?? -1) - (b.on_time_rate ?? -1),
      render: (_: unknown, r) => (
        <span data-testid="kpi-tech-on-time" data-value={r.on_time_rate ?? ''}>
          {pct(r.on_time_rate)}
          {r.completed > 0 && <Typography.Text type="secondary"> ({r.on_time}/{r.completed})</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('kpi.satisfaction'),
      key: 'satisfaction',
      align: 'right',
      sorter: (a, b) => (a.satisfaction ?? -1) - (b.satisfaction ?? -1),
      render: (_: unknown, r) => drillable(r.visits, score(r.satisfaction), r, 'visited', 'kpi-tech-satisfaction'),
    },
    {
      title: t('kpi.tech.visits'),
      dataIndex: 'visits',
      key: 'visits',
      align: 'right',
      sorter: (a, b) => a.visits - b.visits,
      render: (v: number, r) => drillable(v, String(v), r, 'visited', 'kpi-tech-visits'),
    },
    {
      title: t('kpi.repeat'),
      dataIndex: 'repeat_repairs',
      key: 'repeat_repairs',
      align: 'right',
      sorter: (a, b) => a.repeat_repairs - b.repeat_repairs,
      render: (v: number, r) => drillable(v, String(v), r, 'repeat', 'kpi-tech-repeat'),
    },
  ];

  return (
    <Table<KpiTechnician>
      data-testid="kpi-technicians"
      rowKey="username"
      size="small"
      columns={columns}
      dataSource={technicians}
      loading={loading}
      pagination={pagedOver(technicians.length, 20)}
      tableLayout="fixed"
      scroll={{ x: showOutlet ? 900 : 740 }}
      locale={{ emptyText: <Empty description={t('kpi.tech.empty')} /> }}
      onRow={(r) => ({ 'data-testid': 'kpi-tech-row', 'data-username': r.username }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
