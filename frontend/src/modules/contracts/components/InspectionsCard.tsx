import { Card, Flex, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { LinkCard } from '../../../components/LinkCard';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { formatTime } from '../../../utils/time';
import type { Contract } from '../types';
import type { ContractInspection } from '../inspectionTypes';
import { QuarterlyReport } from './QuarterlyReport';

const RESULT_COLORS: Record<ContractInspection['result'], string> = { done: 'success', late: 'orange', open: 'processing', overdue: 'red', cancelled: 'default' };

const rowKey = (i: ContractInspection) => `${i.planned}#${i.target}`;

function ResultTag({ inspection }: { inspection: ContractInspection }) {
  const { tk } = useI18n();
  return (
    <Tag color={RESULT_COLORS[inspection.result] ?? 'default'} data-testid="inspection-result" data-value={inspection.result} style={{ marginInlineEnd: 0 }}>
      {tk(`inspection_result.${inspection.result}`, inspection.result)}
    </Tag>
  );
}

/** Planned → due, and why it moved (a day off), from the vocabulary. */
function When({ inspection }: { inspection: ContractInspection }) {
  const { tk } = useI18n();
  const moved = inspection.moved ? tk(`occurrence_moved.${inspection.moved}`, inspection.moved) : null;
  return (
    <span data-testid="inspection-when" style={{ wordBreak: 'break-word' }}>
      {inspection.planned}
      {inspection.due !== inspection.planned && ` → ${inspection.due}`}
      {moved && (
        <Tooltip title={moved}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="inspection-moved">
            {' '}
            （{moved}）
          </Typography.Text>
        </Tooltip>
      )}
    </span>
  );
}

/**
 * The contract's 巡检记录: each occurrence generated, per site or unit — planned → due (moved: why),
 * its order, the result (overdue in red) and when it was completed; how many are overdue in the
 * title. Cards on a phone, each opening its order. The quarterly report is made from here.
 */
export function InspectionsCard({ contract }: { contract: Contract }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { inspections, inspections_overdue: overdue } = contract;
  const open = (i: ContractInspection) => {
    if (i.order_id) navigate(`/work-orders/${i.order_id}`);
  };

  const columns: TableColumnsType<ContractInspection> = [
    { key: 'when', title: t('inspections.when'), width: 210, ellipsis: false, render: (_, i) => <When inspection={i} /> },
    { key: 'target', title: t('inspections.target'), width: 180, render: (_, i) => i.target_name ?? i.target },
    {
      key: 'order',
      title: t('inspections.order'),
      width: 170,
      render: (_, i) =>
        i.order_id ? (
          <Link to={`/work-orders/${i.order_id}`} data-testid="inspection-order-link" onClick={(e) => e.stopPropagation()}>
            {i.order_number ?? i.order_id}
          </Link>
        ) : (
          '—'
        ),
    },
    { key: 'result', title: t('inspections.result'), width: 100, ellipsis: false, render: (_, i) => <ResultTag inspection={i} /> },
    { key: 'completed', title: t('inspections.completedAt'), width: 150, responsive: ['md'], render: (_, i) => (i.completed_at ? formatTime(i.completed_at) : '—') },
  ];

  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="contract-inspections"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('inspections.title')}</span>
          {overdue > 0 && (
            <Tag color="red" data-testid="contract-inspections-overdue" data-count={overdue} style={{ marginInlineEnd: 0 }}>
              {t('inspections.overdueCount', { n: overdue })}
            </Tag>
          )}
        </Flex>
      }
    >
      <QuarterlyReport contract={contract} />
      <ResponsiveTable<ContractInspection>
        columns={columns}
        items={inspections}
        loading={false}
        rowKey={rowKey}
        size="small"
        empty={t('inspections.none')}
        testId="contract-inspections-table"
        onRow={(i) => ({ 'data-testid': `inspection-row-${i.planned}-${i.target}`, 'data-result': i.result, onClick: () => open(i), style: { cursor: i.order_id ? 'pointer' : undefined } })}
        renderCard={(i) => (
          <LinkCard onOpen={() => open(i)} testId={`inspection-row-${i.planned}-${i.target}`} state={i.result}>
            <Flex justify="space-between" gap={4} wrap>
              <Typography.Text strong>{i.order_number ?? '—'}</Typography.Text>
              <ResultTag inspection={i} />
            </Flex>
            <div>
              <When inspection={i} />
            </div>
            <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
              {i.target_name ?? i.target}
              {i.completed_at ? ` · ${t('inspections.completedOn', { time: formatTime(i.completed_at) })}` : ''}
            </Typography.Text>
          </LinkCard>
        )}
      />
      {contract.inspections_more && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="contract-inspections-more">
          {t('inspections.more', { n: inspections.length })}
        </Typography.Text>
      )}
    </Card>
  );
}
