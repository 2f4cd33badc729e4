import { App, Form, Input, Modal, Select } from 'antd';
import type { ButtonProps } from 'antd';
import type { WorkOrderDetail } from '../../../api/types';
import { formSheet } from '../../../components/formSheet';
import { YuanInput, yuanRules } from '../../../components/YuanInput';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler } from '../../../utils/errors';
import { useIdempotencyKey } from '../../../utils/idempotency';
import { yuanToFen } from '../../../utils/money';
import { useIsMobile } from '../../../utils/useIsMobile';
import { useRecordPayment } from '../queries';
import { LIMITS, PAYMENT_METHODS, type PaymentMethod } from '../types';

interface Values {
  amount: string;
  method: PaymentMethod;
  receipt_no?: string;
  reference?: string;
}

/**
 * 收款 on site (the technician's phone) or at the desk: the amount in 元, how it was paid, the
 * receipt number (required for cash: it is what finance checks the hand-in against) and the
 * payment's reference (a transfer's, WeChat's or Alipay's). One Idempotency-Key per payment: a
 * resent submit on a weak connection records it once.
 */
export function PaymentDialog({ order, onClose }: { order: WorkOrderDetail; onClose: () => void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const record = useRecordPayment(order.id);
  const handleError = useFormErrorHandler();
  const { key: idempotencyKey, settle: settleKey } = useIdempotencyKey();
  const method = Form.useWatch('method', form);

  const submit = async (v: Values) => {
    const body = {
      amount_fen: yuanToFen(v.amount) ?? 0,
      method: v.method,
      ...(v.receipt_no?.trim() && { receipt_no: v.receipt_no.trim() }),
      ...(v.reference?.trim() && { reference: v.reference.trim() }),
    };
    try {
      await record.mutateAsync({ body, idempotencyKey });
      void message.success(t('payments.recorded'));
      onClose();
    } catch (err) {
      // a refusal is final for this key: what is sent next is another request
      settleKey(err);
      handleError(form, err);
    }
  };

  return (
    <Modal
      open
      title={t('payments.dialogTitle', { number: order.number })}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      okButtonProps={{ 'data-testid': 'payment-submit' } as ButtonProps}
      {...formSheet(isMobile, 480, 'payment-form')}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ method: 'cash' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="amount" label={t('payments.amount')} rules={yuanRules(t, { required: t('payments.amount'), min: 1 })}>
          <YuanInput data-testid="payment-amount-input" />
        </Form.Item>
        <Form.Item name="method" label={t('payments.method')} rules={[{ required: true, message: t('common.required', { label: t('payments.method') }) }]}>
          <Select data-testid="payment-method-select" options={PAYMENT_METHODS.map((m) => ({ value: m, label: te('payment_method', m) }))} />
        </Form.Item>
        <Form.Item
          name="receipt_no"
          label={t('payments.receiptNo')}
          dependencies={['method']}
          rules={[{ required: method === 'cash', whitespace: true, message: t('payments.receiptRequired') }]}
          extra={method === 'cash' ? t('payments.cashHint') : undefined}
        >
          <Input data-testid="payment-receipt" maxLength={LIMITS.receipt} />
        </Form.Item>
        <Form.Item name="reference" label={t('payments.reference')} extra={method && method !== 'cash' ? t('payments.referenceHint') : undefined}>
          <Input data-testid="payment-reference" maxLength={LIMITS.reference} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
