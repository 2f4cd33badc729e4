import { useState } from 'react';
import { App, Alert, Form, Input, Modal, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { listWorkOrders } from '../../../api/client';
import { MAX_TEXT } from '../../../api/types';
import { formSheet } from '../../../components/formSheet';
import { useI18n } from '../../../i18n';
import { useDebounced } from '../../../utils/useDebounced';
import { useIsMobile } from '../../../utils/useIsMobile';
import { KINDS } from '../../complaints/types';
import { StaffSelect } from '../../directory/components/StaffSelect';
import type { Consultation, ToComplaintData } from '../types';
import { useActionDialog } from './useActionDialog';

interface Values {
  kind: string;
  staff?: string;
  order_id?: string;
  content: string;
  demand?: string;
}

/** Orders of the consultation's outlet whose number (or customer) starts with what is typed. */
function OrderPicker({ outlet, value, onChange }: { outlet: string; value?: string; onChange?: (id: string | undefined) => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 300);
  const found = useQuery({
    queryKey: ['work-orders', 'list', 'pick', { outlet, q }],
    queryFn: () => listWorkOrders({ q, outlet, limit: 10 }),
    enabled: q.length >= 2,
    meta: { silent: true },
  });
  return (
    <Select
      showSearch
      allowClear
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      filterOption={false}
      onSearch={setTyped}
      loading={found.isFetching}
      placeholder={t('consult.aboutOrderPlaceholder')}
      notFoundContent={null}
      options={(found.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.number} · ${o.customer_name}` }))}
      data-testid="to-complaint-order"
    />
  );
}

/**
 * 转为投诉: the 客户投诉登记表 filled from the consultation (its customer is the complainant, its
 * content the starting text); one action makes the complaint and marks the consultation.
 */
export function ToComplaintModal({ consultation, onClose, onStale }: { consultation: Consultation; onClose: () => void; onStale: () => void }) {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const { send, pending } = useActionDialog(consultation, form, { onClose, onStale });
  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { label }) }];

  const submit = async (v: Values) => {
    const data: ToComplaintData = {
      kind: v.kind,
      content: v.content.trim(),
      ...(v.demand?.trim() && { demand: v.demand.trim() }),
    };
    if (v.staff || v.order_id) data.about = { ...(v.staff && { staff: v.staff }), ...(v.order_id && { order_id: v.order_id }) };
    await send('to_complaint', data, (made) => message.success(t('consult.done.to_complaint', { number: made.converted?.number ?? '' })));
  };

  return (
    <Modal
      open
      title={t('consult.toComplaintTitle')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'to-complaint-submit' } as ButtonProps}
      {...formSheet(isMobile, 640, 'to-complaint-modal')}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('consult.toComplaintHint')} description={[consultation.customer_name, consultation.phone].filter(Boolean).join(' · ')} />
      <Form<Values> form={form} layout="vertical" initialValues={{ content: consultation.content }} onFinish={(v) => void submit(v)}>
        <Form.Item name="kind" label={t('complaints.kind')} rules={[{ required: true, message: t('common.required', { label: t('complaints.kind') }) }]}>
          <Select data-testid="to-complaint-kind" options={KINDS.map((k) => ({ value: k, label: tk(`complaint_kind.${k}`, k) }))} />
        </Form.Item>
        <Form.Item name="staff" label={t('complaints.aboutStaff')}>
          <StaffSelect outlet={consultation.outlet} testId="to-complaint-staff" />
        </Form.Item>
        <Form.Item name="order_id" label={t('complaints.aboutOrder')}>
          <OrderPicker outlet={consultation.outlet} />
        </Form.Item>
        <Form.Item name="content" label={t('complaints.content')} rules={required(t('complaints.content'))}>
          <Input.TextArea data-testid="to-complaint-content" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={MAX_TEXT} />
        </Form.Item>
        <Form.Item name="demand" label={t('complaints.demand')}>
          <Input.TextArea data-testid="to-complaint-demand" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={MAX_TEXT} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
