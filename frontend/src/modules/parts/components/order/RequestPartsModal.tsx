import { App, Button, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { WorkOrderDetail } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { useFormErrorHandler } from '../../../../utils/errors';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { useCreateRequisition } from '../../queries';
import { PartPicker } from '../PartPicker';
import { formSheet } from '../../../../components/formSheet';
import { failedComponents } from '../../../warranty/components/coverage/failedComponents';
import { MAX_QUANTITY } from '../../types';

interface Values {
  lines: { code?: string | null; quantity?: number | null; component?: string | null }[];
  note?: string;
}

const MAX_LINES = 30;

/**
 * 申请配件: the parts the plan needs, each picked from the catalogue (code, name or pinyin
 * initials) with its quantity and, optionally, the failed component it replaces (from the
 * order's coverage decision, which prices it free or charged); a note for the approver.
 */
export function RequestPartsModal({ order, onClose }: { order: WorkOrderDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const handleError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();
  const { mutateAsync, isPending } = useCreateRequisition();
  const components = failedComponents(order);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const lines = (values.lines ?? [])
      .filter((l) => l.code)
      .map((l) => ({ code: l.code as string, quantity: l.quantity ?? 1, ...(l.component ? { component: l.component } : {}) }));
    try {
      await mutateAsync({ order_id: order.id, lines, ...(values.note?.trim() ? { note: values.note.trim() } : {}) });
      void message.success(t('partReq.requested'));
      onClose();
    } catch (err) {
      handleError(form, err);
    }
  };

  return (
    <Modal
      open
      title={t('partsCard.request')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={isPending}
      okButtonProps={{ 'data-testid': 'request-parts-submit' } as ButtonProps}
      {...formSheet(isMobile, 720, 'request-parts-modal')}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ lines: [{ quantity: 1 }] }}>
        <Form.List
          name="lines"
          rules={[
            {
              validator: async (_, lines: Values['lines']) => {
                if (!lines || lines.length === 0) throw new Error(t('partReq.noLines'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} data-testid={`request-line-${i}`} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, borderBottom: '1px solid #f0f0f0', marginBottom: 8 }}>
                  <Form.Item
                    name={[field.name, 'code']}
                    label={t('partReq.part')}
                    rules={[{ required: true, message: t('common.required', { label: t('partReq.part') }) }]}
                    style={{ flex: '1 1 260px', minWidth: 0, marginBottom: 8 }}
                  >
                    <PartPicker data-testid={`request-part-${i}`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'quantity']}
                    label={t('partReq.quantity')}
                    rules={[{ required: true, message: t('common.required', { label: t('partReq.quantity') }) }]}
                    style={{ width: 90, marginBottom: 8 }}
                  >
                    <InputNumber min={1} max={MAX_QUANTITY} precision={0} style={{ width: '100%' }} data-testid={`request-quantity-${i}`} />
                  </Form.Item>
                  {components.length > 0 && (
                    <Form.Item name={[field.name, 'component']} label={t('partReq.component')} style={{ flex: '1 1 140px', marginBottom: 8 }}>
                      <Select allowClear options={components.map((c) => ({ value: c, label: c }))} data-testid={`request-component-${i}`} />
                    </Form.Item>
                  )}
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('partReq.removeLine')}
                    onClick={() => remove(field.name)}
                    style={{ marginTop: 30 }}
                    data-testid={`request-remove-${i}`}
                  />
                </div>
              ))}
              {fields.length < MAX_LINES && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} data-testid="request-add-line">
                  {t('partReq.addLine')}
                </Button>
              )}
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('partReq.note')} style={{ marginTop: 12 }}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="request-note" />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
          {t('partReq.requestHint')}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
