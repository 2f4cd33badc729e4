import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Empty, Flex, Row, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { KPI_CLOCKS, type KpiClock, type KpiMetric } from '../../../api/types';
import { CardList, pagedOver } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { formatFen } from '../../../utils/money';
import { useIsMobile } from '../../../utils/useIsMobile';
import { pct, score } from '../../figures/components/dashboard/kpi';
import type { AppraisalRow } from './types';

/** What a click on a figure opens: the orders behind it (the dashboard's drill-down). */
export interface Drill {
  row: AppraisalRow;
  metric: KpiMetric;
  clock?: KpiClock;
}

interface Props {
  rows: AppraisalRow[];
  month: string;
  loading: boolean;
  onDrill: (drill: Drill) => void;
}

/** A figure's name: the server's vocabulary (appraisal_field), as the adjustments name them. */
export function useFieldName() {
  const { tk } = useI18n();
  return (name: string) => tk(`appraisal_field.${name}`, name);
}

/** The figures that open the person's record (奖惩记录) of the month: complaints and the ledger. */
const recordLink = (row: AppraisalRow, month: string) => `/people/${encodeURIComponent(row.username)}?month=${month}`;
const fileLink = (row: AppraisalRow) => `/technicians/${encodeURIComponent(row.username)}`;

/** A clock's on-time rate (met / (met + missed)); "—" when nothing was due. */
const clockOf = (row: AppraisalRow, clock: KpiClock) => row.clocks[clock] ?? { met: 0, missed: 0, rate: null };

/**
 * The cells of one technician's figures, the same on the table and the phone's cards: each count
 * with orders behind it opens them (completed, an on-time rate: its missed orders first, the
 * satisfaction: the return visits, repeat repairs); complaints, penalties and rewards open the
 * person's record of the month. Every cell carries its value (data-value) for the tests.
 */
function useCells(month: string, onDrill: (drill: Drill) => void) {
  const { t } = useI18n();

  const drillable = (row: AppraisalRow, value: number, text: ReactNode, testId: string, drill: Omit<Drill, 'row'> | null) =>
    drill && value > 0 ? (
      <Typography.Link data-testid={testId} data-value={value} onClick={() => onDrill({ row, ...drill })}>
        {text}
      </Typography.Link>
    ) : (
      <span data-testid={testId} data-value={value}>
        {text}
      </span>
    );

  // nothing to see behind a zero: plain text (the person's record is one click away on their file)
  const record = (row: AppraisalRow, value: number, text: ReactNode, testId: string, danger = false) =>
    value > 0 ? (
      <Link to={recordLink(row, month)} data-testid={testId} data-value={value}>
        {danger ? <Typography.Text type="danger">{text}</Typography.Text> : text}
      </Link>
    ) : (
      <span data-testid={testId} data-value={value}>
        {text}
      </span>
    );

  return {
    name: (row: AppraisalRow) => (
      <Link to={fileLink(row)} data-testid="appraisal-name" style={{ whiteSpace: 'nowrap' }}>
        {row.name || row.username}
      </Link>
    ),
    completed: (row: AppraisalRow) => drillable(row, row.completed, row.completed, 'appraisal-completed', { metric: 'completed' }),
    clock: (row: AppraisalRow, clock: KpiClock) => {
      const c = clockOf(row, clock);
      const due = c.met + c.missed;
      const text = (
        <Tooltip title={due ? t('appraisal.onTimeOf', { met: c.met, due }) : t('appraisal.nothingDue')}>
          <span>{pct(c.rate)}</span>
        </Tooltip>
      );
      // the missed ones first (what a manager asks about); the drawer switches to the met ones
      return (
        <span data-testid={`appraisal-clock-${clock}`} data-value={c.rate ?? ''} data-met={c.met} data-missed={c.missed}>
          {drillable(row, due, text, `appraisal-clock-${clock}-link`, { metric: c.missed > 0 ? 'sla_missed' : 'sla_met', clock })}
        </span>
      );
    },
    onTime: (row: AppraisalRow) => (
      <span data-testid="appraisal-on-time" data-value={row.on_time_rate ?? ''}>
        {pct(row.on_time_rate)}
        {row.completed > 0 && <Typography.Text type="secondary"> ({row.on_time}/{row.completed})</Typography.Text>}
      </span>
    ),
    satisfaction: (row: AppraisalRow) => drillable(row, row.visits, score(row.satisfaction), 'appraisal-satisfaction', { metric: 'visited' }),
    complaints: (row: AppraisalRow) => record(row, row.valid_complaints, row.valid_complaints, 'appraisal-complaints', true),
    repeat: (row: AppraisalRow) => drillable(row, row.repeat_repairs, row.repeat_repairs, 'appraisal-repeat', { metric: 'repeat' }),
    penalties: (row: AppraisalRow) =>
      record(row, row.penalties_fen, row.penalties ? `${formatFen(row.penalties_fen)} (${row.penalties})` : formatFen(row.penalties_fen), 'appraisal-penalties', true),
    rewards: (row: AppraisalRow) =>
      record(row, row.rewards_fen, row.rewards ? `${formatFen(row.rewards_fen)} (${row.rewards})` : formatFen(row.rewards_fen), 'appraisal-rewards'),
    allowance: (row: AppraisalRow) => (
      <span data-testid="appraisal-allowance" data-value={row.allowance_base}>
        {row.allowance_base}
        {row.completed > row.allowance_base && <Typography.Text type="secondary"> / {row.completed}</Typography.Text>}
      </span>
    ),
  };
}

/** One technician on a phone: their name (opening their file) and every figure, two to a row. */
function RowCard({ row, cells }: { row: AppraisalRow; cells: ReturnType<typeof useCells> }) {
  const { t, te } = useI18n();
  const field = useFieldName();
  const figure = (label: string, value: ReactNode, span = 12) => (
    <Col span={span}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <div style={{ fontSize: 16 }}>{value}</div>
    </Col>
  );
  return (
    <Card size="small" style={{ width: '100%' }} data-testid="appraisal-row" data-username={row.username}>
      <Typography.Text strong>{cells.name(row)}</Typography.Text>
      <Row gutter={[8, 8]} style={{ marginTop: 6 }}>
        {figure(field('completed'), cells.completed(row))}
        {figure(field('satisfaction'), cells.satisfaction(row))}
        {figure(field('valid_complaints'), cells.complaints(row))}
        {figure(field('repeat_repairs'), cells.repeat(row))}
        {figure(field('penalties_fen'), cells.penalties(row))}
        {figure(field('rewards_fen'), cells.rewards(row))}
        {figure(field('allowance_base'), cells.allowance(row), 24)}
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
        {t('appraisal.col.onTime')} {cells.onTime(row)}
      </Typography.Text>
      <Flex wrap gap={12}>
        {KPI_CLOCKS.map((clock) => (
          <span key={clock}>
            {te('clock', clock)} {cells.clock(row, clock)}
          </span>
        ))}
      </Flex>
    </Card>
  );
}

/**
 * 月度考核 table: one row per technician with every figure of the month (on a phone, a card each);
 * the counts open what is behind them.
 */
export function AppraisalTable({ rows, month, loading, onDrill }: Props) {
  const { t, te } = useI18n();
  const field = useFieldName();
  const isMobile = useIsMobile();
  const cells = useCells(month, onDrill);

  if (isMobile) {
    return (
      <div data-testid="appraisal-table">
        <CardList<AppraisalRow> items={rows} rowKey="username" loading={loading} empty={t('appraisal.empty')} renderCard={(row) => <RowCard row={row} cells={cells} />} />
      </div>
    );
  }

  // laid out by their content: headers wrap between words (English ones are long), the table
  // scrolls sideways (the names staying) only when even then it does not fit
  const number = { align: 'right' as const };
  const columns: TableColumnsType<AppraisalRow> = [
    { key: 'name', title: t('appraisal.col.technician'), fixed: 'left', width: 130, render: (_, r) => cells.name(r) },
    { key: 'completed', title: field('completed'), ...number, sorter: (a, b) => a.completed - b.completed, render: (_, r) => cells.completed(r) },
    {
      key: 'on_time',
      title: t('appraisal.col.onTime'),
      children: [
        {
          key: 'on_time_all',
          title: t('appraisal.col.onTimeAll'),
          align: 'right' as const,
          sorter: (a: AppraisalRow, b: AppraisalRow) => (a.on_time_rate ?? -1) - (b.on_time_rate ?? -1),
          render: (_: unknown, r: AppraisalRow) => cells.onTime(r),
        },
        ...KPI_CLOCKS.map((clock) => ({
        key: `on_time_${clock}`,
        title: te('clock', clock),
        ...number,
        render: (_: unknown, r: AppraisalRow) => cells.clock(r, clock),
      })),
      ],
    },
    { key: 'satisfaction', title: field('satisfaction'), ...number, sorter: (a, b) => (a.satisfaction ?? -1) - (b.satisfaction ?? -1), render: (_, r) => cells.satisfaction(r) },
    { key: 'valid_complaints', title: field('valid_complaints'), ...number, render: (_, r) => cells.complaints(r) },
    { key: 'repeat_repairs', title: field('repeat_repairs'), ...number, render: (_, r) => cells.repeat(r) },
    { key: 'penalties', title: field('penalties_fen'), align: 'right', render: (_, r) => cells.penalties(r) },
    { key: 'rewards', title: field('rewards_fen'), align: 'right', render: (_, r) => cells.rewards(r) },
    {
      key: 'allowance_base',
      title: (
        <Tooltip title={t('appraisal.allowanceHint')}>
          <span>{field('allowance_base')}</span>
        </Tooltip>
      ),
      align: 'right',
      render: (_, r) => cells.allowance(r),
    },
  ];

  return (
    <Table<AppraisalRow>
      data-testid="appraisal-table"
      rowKey="username"
      size="small"
      bordered
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={pagedOver(rows.length, 50)}
      tableLayout="auto"
      scroll={{ x: true }}
      locale={{ emptyText: <Empty description={t('appraisal.empty')} /> }}
      onRow={(r) => ({ 'data-testid': 'appraisal-row', 'data-username': r.username }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
