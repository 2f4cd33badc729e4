import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Card, Flex, Tabs, Tag, Typography } from 'antd';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { CardList, listState } from '../../../components/ResponsiveTable';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { RefreshButton } from '../../../components/RefreshButton';
import { formatFen } from '../../../utils/money';
import { formatTime } from '../../../utils/time';
import { LineFigures, RequisitionButtons, RequisitionStateTag } from '../components/order/PartsCard';
import { RequisitionActionModal } from '../components/order/RequisitionActionModal';
import { approvalReasonsText, returnable } from '../components/order/orderParts';
import { useRequisitionQueue } from '../queries';
import type { Requisition, RequisitionAction, RequisitionQueue } from '../types';

const QUEUE_LABEL = {
  to_approve: 'requisitions.toApprove',
  head_office: 'requisitions.headOffice',
  to_issue: 'requisitions.toIssue',
  to_return: 'requisitions.toReturn',
} as const;

/**
 * 配件申请: the requisitions waiting for this user, by queue: the manager's to approve, head
 * office's second approval, the keeper's to issue and to return. Each row links to its order
 * and takes its actions in place, at the version shown.
 */
export default function RequisitionsPage() {
  const { t } = useI18n();
  const can = useCan();
  const allOutlets = can('directory.all_outlets');
  const queues: RequisitionQueue[] = [];
  if (can('parts.requisitions.approve') && !allOutlets) queues.push('to_approve');
  if (allOutlets) queues.push('head_office');
  if (can('parts.requisitions.issue')) queues.push('to_issue', 'to_return');
  if (queues.length === 0) queues.push('to_approve');
  const [params, setParams] = useSearchParams();
  const asked = params.get('queue') as RequisitionQueue | null;
  const queue = asked && queues.includes(asked) ? asked : queues[0];

  return (
    <div style={{ maxWidth: 1000 }}>
      <PageHeader title={t('requisitions.title')} />
      <Tabs
        activeKey={queue}
        onChange={(key) => setParams({ queue: key }, { replace: true })}
        items={queues.map((q) => ({ key: q, label: <span data-testid={`queue-tab-${q}`}>{t(QUEUE_LABEL[q])}</span> }))}
      />
      <Queue key={queue} queue={queue} />
    </div>
  );
}

function Queue({ queue }: { queue: RequisitionQueue }) {
  const { t } = useI18n();
  const list = useRequisitionQueue(queue);
  const [acting, setActing] = useState<{ requisition: Requisition; action: RequisitionAction } | null>(null);

  return (
    <div data-testid={`queue-${queue}`}>
      <Flex justify="end" style={{ marginBottom: 8 }}>
        <RefreshButton label={t('requisitions.refresh')} onClick={() => list.retry()} loading={list.loading || list.retrying} testId="queue-refresh" />
      </Flex>
      <CardList
        {...listState(list)}
        rowKey="id"
        empty={t('requisitions.empty')}
        renderCard={(req) => <Row requisition={req} queue={queue} onAction={(action) => setActing({ requisition: req, action })} />}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
      {acting && (
        <RequisitionActionModal
          key={`${acting.requisition.id}-${acting.action}-${acting.requisition.version}`}
          requisition={acting.requisition}
          action={acting.action}
          onClose={() => setActing(null)}
        />
      )}
    </div>
  );
}

function Row({ requisition: req, queue, onAction }: { requisition: Requisition; queue: RequisitionQueue; onAction: (a: RequisitionAction) => void }) {
  const { t } = useI18n();
  const amount = req.lines.reduce((sum, l) => sum + l.amount_fen, 0);
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`queue-row-${req.id}`}>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 4 }}>
        <Link to={`/work-orders/${req.order_id}`} data-testid="queue-row-order">
          {req.order_number ?? req.order_id}
        </Link>
        <RequisitionStateTag state={req.state} />
        {req.needs_head_office && queue !== 'to_return' && <Tag color="orange">{t('requisitions.needsHeadOffice')}</Tag>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('partsCard.requestedBy', { name: req.requested_by_name ?? req.requested_by, time: formatTime(req.created_at) })}
          {queue === 'head_office' ? ` · ${req.outlet}` : ''}
        </Typography.Text>
      </Flex>
      {req.lines.map((l) => (
        <div key={l.code} style={{ padding: '2px 0', wordBreak: 'break-word' }} data-testid={`queue-line-${l.code}`}>
          <Typography.Text strong>{l.code}</Typography.Text> {l.name} × {l.quantity}
          <Typography.Text type="secondary"> · {formatFen(l.amount_fen)}</Typography.Text>
          {queue === 'to_return' ? (
            <div>
              <LineFigures line={l} />
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                {' '}
                {t('requisitions.returnable', { quantity: returnable(l) })}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ))}
      {(queue === 'to_approve' || queue === 'head_office') && (
        <Typography.Text type="secondary" data-testid="queue-row-amount">
          {t('requisitions.amount', { amount: formatFen(amount) })}
        </Typography.Text>
      )}
      {req.approval_reasons.length > 0 && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {approvalReasonsText(req.approval_reasons, t)}
          </Typography.Text>
        </div>
      )}
      {req.note && (
        <div>
          <Typography.Text type="secondary">
            {t('partReq.note')}
            {t('common.colon')}
          </Typography.Text>
          {req.note}
        </div>
      )}
      {req.return_due_at && (
        <div>
          <Typography.Text type={req.flagged_at ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
            {t('partsCard.returnDue', { time: formatTime(req.return_due_at) })}
          </Typography.Text>
        </div>
      )}
      <div style={{ marginTop: 8 }}>
        <RequisitionButtons requisition={req} onAction={onAction} />
      </div>
    </Card>
  );
}
