import { useState } from 'react';
import { App, Button, Flex, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { WorkOrderDetail } from '../../../api/types';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { isStaleVersion, useShowError } from '../../../utils/errors';
import { formatFen } from '../../../utils/money';
import { useNow } from '../../../utils/now';
import { formatTime } from '../../../utils/time';
import { feeKeys, useHandIn, usePayments } from '../queries';
import type { Payment } from '../types';
import { PaymentDialog } from './PaymentDialog';

function PaymentRow({ payment, orderId }: { payment: Payment; orderId: string }) {
  const { t, te } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const showError = useShowError();
  const client = useQueryClient();
  const handIn = useHandIn(orderId);
  const handedIn = payment.handed_in_at !== null;
  // only cash is handed in to finance (a transfer, WeChat, Alipay or an invoice is not)
  const cash = payment.method === 'cash';
  const now = useNow();
  const overdue = Boolean(payment.handin_due_at && Date.parse(payment.handin_due_at) < now);

  const onHandIn = async () => {
    try {
      await handIn.mutateAsync(payment);
      void message.success(t('payments.handedInDone'));
    } catch (err) {
      if (isStaleVersion(err)) void message.warning(t('payments.stale'));
      else showError(err);
      void client.invalidateQueries({ queryKey: feeKeys.payments(orderId) });
    }
  };

  return (
    <div data-testid={`payment-${payment.id}`} data-handed-in={handedIn} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <span>
          <Typography.Text strong data-testid="payment-amount">
            {formatFen(payment.amount_fen)}
          </Typography.Text>{' '}
          <Tag style={{ marginInlineEnd: 0 }} data-testid="payment-method">
            {te('payment_method', payment.method)}
          </Tag>
        </span>
        {(cash || handedIn) && (
          <Tag color={handedIn ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }} data-testid="payment-hand-in-state">
            {handedIn ? t('payments.handedIn') : t('payments.notHandedIn')}
          </Tag>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', wordBreak: 'break-word' }}>
        {t('payments.collected', { name: payment.collected_by_name ?? payment.collected_by, time: formatTime(payment.collected_at) })}
        {payment.receipt_no ? ` · ${t('payments.receiptShown', { no: payment.receipt_no })}` : ''}
        {payment.reference ? ` · ${t('payments.referenceShown', { ref: payment.reference })}` : ''}
        {handedIn ? ` · ${t('payments.handedInAt', { name: payment.handed_in_by_name ?? payment.handed_in_by ?? '', time: formatTime(payment.handed_in_at) })}` : ''}
      </Typography.Text>
      {cash && !handedIn && payment.handin_due_at && (
        <Typography.Text type={overdue ? 'danger' : 'warning'} style={{ fontSize: 12, display: 'block' }} data-testid="payment-hand-in-due">
          {t(overdue ? 'payments.handInOverdue' : 'payments.handInDue', { time: formatTime(payment.handin_due_at) })}
        </Typography.Text>
      )}
      {cash && !handedIn && can('fees.payments.hand_in') && (
        <Button size="small" style={{ marginTop: 4 }} loading={handIn.isPending} onClick={() => void onHandIn()} data-testid="payment-hand-in">
          {t('payments.handIn')}
        </Button>
      )}
    </div>
  );
}

/** 收款 on the fee card: the payments with their hand-in to finance, and recording one. */
export function PaymentsSection({ order }: { order: WorkOrderDetail }) {
  const { t } = useI18n();
  const can = useCan();
  const payments = usePayments(order.id, true);
  const [recording, setRecording] = useState(false);
  const items = payments.data?.items ?? [];
  // a cancelled order takes no payment (the server refuses it)
  const canRecord = can('fees.payments.write') && order.state !== 'cancelled';

  return (
    <div style={{ marginTop: 12 }} data-testid="payments">
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 4 }}>
        <Typography.Text strong>{t('payments.title')}</Typography.Text>
        {canRecord && (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="payment-record">
            {t('payments.record')}
          </Button>
        )}
      </Flex>
      {payments.isError && !payments.data ? (
        <Typography.Text type="danger">{t('payments.loadFailed')}</Typography.Text>
      ) : items.length === 0 ? (
        <Typography.Text type="secondary" data-testid="payments-none">
          {payments.isPending ? '…' : t('payments.none')}
        </Typography.Text>
      ) : (
        items.map((p) => <PaymentRow key={p.id} payment={p} orderId={order.id} />)
      )}
      {recording && <PaymentDialog order={order} onClose={() => setRecording(false)} />}
    </div>
  );
}
