import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Col, Flex, Modal, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ApiError } from '../../../api/client';
import { useCan } from '../../../access';
import { ErrorState } from '../../../components/ErrorState';
import { VocabularyTag } from '../../../components/StatusTags';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { pct } from '../../figures/components/dashboard/kpi';
import { useComplaintRate, useRunComplaintRate, type ComplaintRate, type ComplaintRateItem } from './queries';

/** What a drill-down lists: a title and the complaints behind one figure. */
interface Drill {
  title: string;
  items: ComplaintRateItem[];
  testId: string;
}

interface FigureRow {
  key: string;
  name: string;
  received?: number;
  valid: number;
  ids: string[];
}

/** The complaints behind a figure, each number a link to the complaint. */
function DrillModal({ drill, departmentName, onClose }: { drill: Drill | null; departmentName: (code: string | null) => string; onClose: () => void }) {
  const { t, tk } = useI18n();
  const isMobile = useIsMobile();
  const columns: TableColumnsType<ComplaintRateItem> = [
    {
      key: 'number',
      title: t('complaints.number'),
      width: 200,
      render: (_, i) => (
        <Link to={`/complaints/${i.id}`} data-testid={`rate-item-${i.id}`}>
          {i.number ?? i.id}
        </Link>
      ),
    },
    { key: 'received_at', title: t('complaints.receivedAt'), width: 140, responsive: ['sm'], render: (_, i) => formatTime(i.received_at) },
    { key: 'kind', title: t('complaints.kind'), render: (_, i) => tk(`complaint_kind.${i.kind}`, i.kind) },
    { key: 'department', title: t('cmpRate.department'), responsive: ['md'], render: (_, i) => departmentName(i.department) },
    { key: 'state', title: t('col.state'), width: 110, ellipsis: false, render: (_, i) => <VocabularyTag group="complaint_state" value={i.state} /> },
  ];
  return (
    <Modal open={drill !== null} onCancel={onClose} footer={null} width={isMobile ? '100%' : 760} title={drill?.title} destroyOnHidden>
      {drill && (
        <Table<ComplaintRateItem>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={drill.items}
          pagination={drill.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          data-testid={drill.testId}
        />
      )}
    </Modal>
  );
}

/** A clickable count: opens the list behind it. */
function Count({ value, onOpen, testId }: { value: number; onOpen: () => void; testId: string }) {
  return value > 0 ? (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={onOpen} data-testid={testId}>
      {value}
    </Button>
  ) : (
    <span data-testid={testId}>{value}</span>
  );
}

/** A month's figures with the tables by kind and by department; every figure opens its list. */
function Figures({ rate, compact }: { rate: ComplaintRate; compact: boolean }) {
  const { t, tk } = useI18n();
  const [drill, setDrill] = useState<Drill | null>(null);
  const byId = new Map(rate.items.map((i) => [i.id, i]));
  const pick = (ids: string[]) => ids.map((id) => byId.get(id)).filter((i): i is ComplaintRateItem => Boolean(i));
  const departmentName = (code: string | null) => (code ? (rate.by_department[code]?.name ?? code) : t('cmpRate.unrouted'));
  const counted = rate.items.filter((i) => i.state !== 'discarded');
  const open = (title: string, items: ComplaintRateItem[], testId: string) => setDrill({ title: t('cmpRate.listTitle', { what: title, count: items.length }), items, testId });

  const kinds: FigureRow[] = Object.entries(rate.by_kind).map(([kind, f]) => ({
    key: kind,
    name: tk(`complaint_kind.${kind}`, kind),
    received: f?.received ?? 0,
    valid: f?.valid ?? 0,
    ids: f?.items ?? [],
  }));
  const departments: FigureRow[] = Object.entries(rate.by_department).map(([code, f]) => ({ key: code, name: f.name, valid: f.valid, ids: f.items }));

  const figureColumns = (what: 'kind' | 'department'): TableColumnsType<FigureRow> => [
    { key: 'name', title: t(what === 'kind' ? 'complaints.kind' : 'cmpRate.department'), render: (_, r) => r.name },
    ...(what === 'kind'
      ? [
          {
            key: 'received',
            title: t('cmpRate.received'),
            width: 90,
            align: 'right' as const,
            render: (_: unknown, r: FigureRow) => {
              const items = counted.filter((i) => i.kind === r.key);
              return <Count value={r.received ?? 0} testId={`rate-kind-received-${r.key}`} onOpen={() => open(`${r.name} · ${t('cmpRate.received')}`, items, 'rate-list')} />;
            },
          },
        ]
      : []),
    {
      key: 'valid',
      title: t('cmpRate.valid'),
      width: 90,
      align: 'right' as const,
      render: (_, r) => <Count value={r.valid} testId={`rate-${what}-valid-${r.key}`} onOpen={() => open(`${r.name} · ${t('cmpRate.valid')}`, pick(r.ids), 'rate-list')} />,
    },
  ];

  const stat = { xs: 12, sm: 8, md: compact ? 8 : 4 };
  const valid = counted.filter((i) => i.valid === true);
  return (
    <Flex vertical gap={12} data-testid="rate-figures" data-month={rate.month} data-scope={rate.scope}>
      <Row gutter={[12, 12]}>
        <Col {...stat}>
          <Statistic title={t('cmpRate.rate')} value={pct(rate.rate, 2)} valueStyle={{ color: '#cf1322' }} data-testid="rate-rate" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cmpRate.rateHint')}
          </Typography.Text>
        </Col>
        <Col {...stat}>
          <Statistic title={t('cmpRate.valid')} valueRender={() => <Count value={rate.valid} testId="rate-valid" onOpen={() => open(t('cmpRate.listValid'), valid, 'rate-list')} />} />
        </Col>
        <Col {...stat}>
          <Statistic title={t('cmpRate.accepted')} value={rate.accepted_orders} data-testid="rate-accepted" />
        </Col>
        <Col {...stat}>
          <Statistic title={t('cmpRate.received')} valueRender={() => <Count value={rate.received} testId="rate-received" onOpen={() => open(t('cmpRate.listAll'), counted, 'rate-list')} />} />
        </Col>
        <Col {...stat}>
          <Statistic title={t('complaint_validity.unfounded')} value={rate.unfounded} data-testid="rate-unfounded" />
        </Col>
        <Col {...stat}>
          <Statistic title={t('complaint_validity.pending')} value={rate.pending} data-testid="rate-pending" />
        </Col>
      </Row>
      {rate.received === 0 ? (
        <Typography.Text type="secondary" data-testid="rate-none">
          {t('cmpRate.none', { month: rate.month })}
        </Typography.Text>
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <Typography.Text strong>{t('cmpRate.byKind')}</Typography.Text>
            <Table<FigureRow> size="small" rowKey="key" columns={figureColumns('kind')} dataSource={kinds} pagination={false} data-testid="rate-by-kind" />
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Text strong>{t('cmpRate.byDepartment')}</Typography.Text>
            <Table<FigureRow> size="small" rowKey="key" columns={figureColumns('department')} dataSource={departments} pagination={false} data-testid="rate-by-department" />
          </Col>
        </Row>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('cmpRate.generated', { time: formatTime(rate.generated_at) })}
      </Typography.Text>
      <DrillModal drill={drill} departmentName={departmentName} onClose={() => setDrill(null)} />
    </Flex>
  );
}

interface Props {
  /** An outlet, NETWORK, or undefined (a manager's own outlet). */
  scope: string | undefined;
  month: string;
  /** The card on the dashboard: narrower figures, no rebuild of a built month. */
  compact?: boolean;
}

/**
 * A month's complaint rate of a scope: the figures, by kind and by department, the list behind
 * each; "not built yet" before the job ran (head office may build it now).
 */
export function RateView({ scope, month, compact = false }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const showError = useShowError();
  const rate = useComplaintRate(scope, month);
  const run = useRunComplaintRate();
  const mayRun = can('complaints.rate.run');
  const notBuilt = rate.error instanceof ApiError && rate.error.code === 'not_built';
  const build = () =>
    run
      .mutateAsync(month)
      .then(() => message.success(t('cmpRate.built', { month })))
      .catch(showError);
  const runButton = (label: string) => (
    <Button type={notBuilt ? 'primary' : 'default'} size={compact ? 'small' : 'middle'} loading={run.isPending} onClick={() => void build()} data-testid="rate-run">
      {label}
    </Button>
  );

  if (notBuilt) {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="rate-not-built"
        message={t('cmpRate.notBuilt', { month })}
        action={mayRun ? runButton(t('cmpRate.buildNow')) : undefined}
      />
    );
  }
  if (rate.error && !rate.data) return <ErrorState compact={compact} error={rate.error} onRetry={() => void rate.refetch()} retrying={rate.isFetching} />;
  if (!rate.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  return (
    <>
      {/* a failed refetch: the figures as last read, and what went wrong */}
      {rate.error ? <ErrorState compact stale error={rate.error} onRetry={() => void rate.refetch()} retrying={rate.isFetching} /> : null}
      {!compact && mayRun && <Flex justify="end">{runButton(t('cmpRate.rebuild'))}</Flex>}
      <Figures rate={rate.data} compact={compact} />
    </>
  );
}
