import { App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { WorkOrderDetail } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { useFormErrorHandler } from '../../../../utils/errors';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { useCreatePartsException } from '../../queries';
import { PartPicker } from '../PartPicker';
import { formSheet } from '../../../../components/formSheet';
import { MAX_QUANTITY } from '../../types';

interface Values {
  code?: string | null;
  name?: string;
  quantity?: number | null;
  reason?: string;
}

/**
 * 登记配件例外 (manager): a part the repair used without its issue to the order (from the
 * technician's own stock, bought on site…), recorded with its reason so the completion may name
 * it. Audited on the order's timeline.
 */
export function PartsExceptionModal({ order, onClose }: { order: WorkOrderDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const handleError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();
  const { mutateAsync, isPending } = useCreatePartsException();

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await mutateAsync({
        orderId: order.id,
        body: {
          ...(values.code ? { code: values.code } : {}),
          name: (values.name ?? '').trim(),
          quantity: values.quantity ?? 1,
          reason: (values.reason ?? '').trim(),
        },
      });
      void message.success(t('partsCard.exceptionSaved'));
      onClose();
    } catch (err) {
      handleError(form, err);
    }
  };

  return (
    <Modal
      open
      title={t('partsCard.exception')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={isPending}
      okButtonProps={{ 'data-testid': 'parts-exception-submit' } as ButtonProps}
      {...formSheet(isMobile, 560, 'parts-exception-modal')}
    >
      <Typography.Paragraph type="secondary">{t('partsCard.exceptionHint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" initialValues={{ quantity: 1 }}>
        <Form.Item name="code" label={t('partReq.catalogPart')}>
          <PartPicker data-testid="parts-exception-part" includeInactive onPick={(part) => part && form.setFieldValue('name', part.name)} />
        </Form.Item>
        <Form.Item name="name" label={t('partReq.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('partReq.name') }) }]}>
          <Input maxLength={100} data-testid="parts-exception-name" />
        </Form.Item>
        <Form.Item name="quantity" label={t('partReq.quantity')} rules={[{ required: true, message: t('common.required', { label: t('partReq.quantity') }) }]}>
          <InputNumber min={1} max={MAX_QUANTITY} precision={0} data-testid="parts-exception-quantity" />
        </Form.Item>
        <Form.Item name="reason" label={t('partReq.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('partReq.reason') }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="parts-exception-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
