import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Tag, Typography } from 'antd';
import { AccountBookOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { WorkOrderDetail } from '../../../api/types';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { ErrorState } from '../../../components/ErrorState';
import { isStaleVersion, markShownInPlace, useShowError } from '../../../utils/errors';
import { formatFen } from '../../../utils/money';
import { formatTime } from '../../../utils/time';
import { rereadFees, useApproveFeeSheet, useFeeSheet } from '../queries';
import type { FeeLine, FeeSheet, FeeState } from '../types';
import { FeeLinesEditor } from './FeeLinesEditor';
import { PaymentsSection } from './PaymentsSection';

const STATE_COLORS: Record<FeeState, string> = { draft: 'default', pending_approval: 'orange', approved: 'blue', final: 'green' };

export function FeeStateTag({ state }: { state: FeeState }) {
  const { te } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="fee-state" data-state={state} style={{ marginInlineEnd: 0 }}>
      {te('fee_state', state)}
    </Tag>
  );
}

/** Quantity as the server keeps it (at most two decimals), without trailing zeros. */
const quantityText = (q: number) => String(Math.round(q * 100) / 100);

function LineRow({ line, index, seesCost }: { line: FeeLine; index: number; seesCost: boolean }) {
  const { t, te } = useI18n();
  // who books the line's internal cost: the sheet, or (a trip's lines) the approved travel claim
  const costSource = line.cost_source;
  return (
    <div data-testid={`fee-line-${index}`} data-kind={line.kind} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Flex justify="space-between" align="start" gap={8} wrap>
        <span style={{ minWidth: 0, wordBreak: 'break-word' }}>
          <Typography.Text strong data-testid={`fee-line-kind-${index}`}>
            {te('quote_line_kind', line.kind)}
          </Typography.Text>
          {line.description ? ` ${line.description}` : ''}
          {line.component ? <Typography.Text type="secondary"> · {line.component}</Typography.Text> : null}
        </span>
        <Typography.Text strong data-testid={`fee-line-charge-${index}`}>
          {formatFen(line.charge_fen)}
        </Typography.Text>
      </Flex>
      <Flex gap={10} wrap style={{ fontSize: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`fee-line-price-${index}`}>
          {quantityText(line.quantity)} × {formatFen(line.unit_price_fen)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`fee-line-list-${index}`}>
          {t('fees.listPrice', { amount: formatFen(line.list_price_fen) })}
        </Typography.Text>
        {line.coverage && (
          <Tag color={line.charge_fen === 0 ? 'green' : 'default'} data-testid={`fee-line-coverage-${index}`} style={{ marginInlineEnd: 0, fontSize: 12 }}>
            {te('coverage', line.coverage)}
          </Tag>
        )}
        {line.waived && (
          <Tag color="purple" style={{ marginInlineEnd: 0, fontSize: 12 }}>
            {t('fees.waived')}
          </Tag>
        )}
        {seesCost && line.cost_fen !== null && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`fee-line-cost-${index}`} data-source={costSource}>
            {/* a trip's internal cost is the approved travel claim's, not the sheet's */}
            {costSource === 'claim' ? t('fee_cost_source.claim') : t('fees.cost', { amount: formatFen(line.cost_fen) })}
          </Typography.Text>
        )}
      </Flex>
      {line.needs_approval && (
        <Tag color="orange" data-testid={`fee-line-approval-${index}`} style={{ marginTop: 4 }}>
          {t('fees.lineNeedsApproval', { reason: te('quote_approval_reason', line.needs_approval) })}
        </Tag>
      )}
      {line.changed_from_quote && (
        <div>
          <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid={`fee-line-changed-${index}`}>
            {line.reason ? t('fees.changedWhy', { reason: line.reason }) : t('fees.changed')}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

function Totals({ sheet, seesCost }: { sheet: FeeSheet; seesCost: boolean }) {
  const { t } = useI18n();
  const figure = (key: string, label: string, amount: number, strong = false, type?: 'danger' | 'success') => (
    <Flex justify="space-between" gap={8}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Text strong={strong} type={type} data-testid={`fee-${key}`}>
        {formatFen(amount)}
      </Typography.Text>
    </Flex>
  );
  return (
    <div style={{ marginTop: 8 }} data-testid="fee-totals">
      {figure('charge', t('fees.chargeTotal'), sheet.charge_fen, true)}
      {seesCost && sheet.cost_fen !== null && figure('cost', t('fees.costTotal'), sheet.cost_fen)}
      {figure('paid', t('fees.paid'), sheet.paid_fen)}
      {figure('outstanding', t('fees.outstanding'), sheet.outstanding_fen, true, sheet.outstanding_fen > 0 ? 'danger' : 'success')}
    </div>
  );
}

/**
 * 收费明细 on the order's page (a phone's width first): the order's fee lines with the charge to
 * the customer and, for who sees costs (managers, head office), the internal cost; the totals,
 * paid and outstanding as the server computed them; editing the lines, the manager's approval of
 * a line above twice the list, a discount or a waiver; the payments (收款) with their hand-in.
 */
export function FeeLinesCard({ order }: { order: WorkOrderDetail }) {
  const { t, te, tk } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const showError = useShowError();
  const client = useQueryClient();
  const readable = can('fees.read');
  const sheet = useFeeSheet(order.id, readable);
  const approve = useApproveFeeSheet(order.id);
  const [editing, setEditing] = useState(false);
  // the server decides who sees costs (as the parts card: managers, head office, the warehouse)
  const seesCost = can('parts.costs.read');

  // the order moved on (an action, a part used, the quote confirmed): its lines may have too
  const seenVersion = useRef(order.version);
  useEffect(() => {
    if (seenVersion.current !== order.version) {
      seenVersion.current = order.version;
      void rereadFees(client, order.id);
    }
  }, [client, order.id, order.version]);

  if (!readable) return null;
  if (sheet.error && !sheet.data) {
    markShownInPlace(sheet.error);
    return (
      <Card size="small" title={t('fees.title')} style={{ marginBottom: 16 }} data-testid="fee-card">
        <ErrorState error={sheet.error} onRetry={() => void sheet.refetch()} retrying={sheet.isFetching} />
      </Card>
    );
  }
  const data = sheet.data;

  const onApprove = async () => {
    if (!data) return;
    try {
      await approve.mutateAsync(data.version);
      void message.success(t('fees.approved'));
    } catch (err) {
      if (isStaleVersion(err)) {
        void message.warning(t('fees.stale'));
        void rereadFees(client, order.id);
        return;
      }
      showError(err);
    }
  };

  const pending = data?.state === 'pending_approval';
  const reasons = [...new Set((data?.lines ?? []).map((l) => l.needs_approval).filter((r) => r !== null))];

  return (
    <Card
      size="small"
      loading={!data}
      title={
        <Flex gap={8} align="center" wrap>
          <AccountBookOutlined />
          {t('fees.title')}
          {data && <FeeStateTag state={data.state} />}
        </Flex>
      }
      extra={
        data?.may.edit ? (
          <Button size="small" onClick={() => setEditing(true)} data-testid="fee-edit">
            {t('fees.edit')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
      data-testid="fee-card"
      data-version={data?.version}
    >
      {data && (
        <>
          {pending && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="fee-needs-approval"
              message={t('fees.needsApproval', { reasons: reasons.map((r) => te('quote_approval_reason', r)).join(t('common.listSep')) })}
              action={
                data.may.approve ? (
                  <Button size="small" type="primary" loading={approve.isPending} onClick={() => void onApprove()} data-testid="fee-approve">
                    {t('fees.approve')}
                  </Button>
                ) : undefined
              }
            />
          )}
          {data.outdated && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="fee-outdated"
              message={t('fees.outdated', {
                reasons: data.outdated_reasons.map((r) => tk(`fees_outdated_reason.${r}`, r)).join(t('common.listSep')),
              })}
              description={data.may.edit ? t('fees.outdatedHint') : undefined}
              action={
                data.may.edit ? (
                  <Button size="small" onClick={() => setEditing(true)} data-testid="fee-outdated-edit">
                    {t('fees.edit')}
                  </Button>
                ) : undefined
              }
            />
          )}
          {data.approval && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }} data-testid="fee-approval">
              {t('fees.approvedBy', { name: data.approval.by_name ?? data.approval.by, time: formatTime(data.approval.at) })}
            </Typography.Paragraph>
          )}
          {data.lines.length === 0 ? (
            <Typography.Text type="secondary" data-testid="fee-none">
              {t('fees.none')}
            </Typography.Text>
          ) : (
            <div data-testid="fee-lines">
              {data.lines.map((line, i) => (
                <LineRow key={line.id || i} line={line} index={i} seesCost={seesCost} />
              ))}
            </div>
          )}
          <Totals sheet={data} seesCost={seesCost} />
          <PaymentsSection order={order} />
        </>
      )}
      {/* the editor keeps the sheet as it opened (its version with its values) */}
      {editing && data && <FeeLinesEditor order={order} sheet={data} onClose={() => setEditing(false)} />}
    </Card>
  );
}

export default FeeLinesCard;
