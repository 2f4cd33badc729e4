import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Card, Form, Input, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { MAX_TEXT, type Outlet } from '../../../api/types';
import { useCan } from '../../../access';
import { DateTimeInput } from '../../../components/DateTimeInput';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler } from '../../../utils/errors';
import { useIdempotencyKey } from '../../../utils/idempotency';
import { PHONE_PATTERN } from '../../../utils/phone';
import { nowForPicker, pickerToIso } from '../../../utils/time';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { useCreateConsultation } from '../queries';
import { CONSULTATION_CHANNELS, CONSULTATION_KINDS, type ConsultationChannel, type ConsultationKind } from '../types';

interface Values {
  kind: ConsultationKind;
  channel: ConsultationChannel;
  customer_name: string;
  phone: string;
  content: string;
  received_at?: Dayjs | null;
  /** head office: the service outlet whose desk takes it over */
  outlet?: string;
}

/** The outlet picker as a form control (so a server's `outlet` error lands on it). */
function OutletField({ outlets, value, onChange }: { outlets: Outlet[] | null; value?: string; onChange?: (code: string) => void }) {
  return <OutletSelect outlets={outlets} value={value} onChange={(code) => onChange?.(code)} testId="consultation-outlet" />;
}

/**
 * 记录咨询/信息: any staff member (a technician on a phone, first of all) records a customer's
 * question or information for the service desk; the desk's hand-over clock starts at the time
 * the customer reached them (now, unless they say otherwise).
 */
export default function NewConsultationPage() {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  // head office records for an outlet's desk: it names the (service) outlet, no default
  const anyOutlet = useCan()('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const navigate = useNavigate();
  const handleError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();
  const create = useCreateConsultation();
  // One key per form instance: a double tap or a retry on a weak link never records two.
  const { key: idempotencyKey, settle: settleKey } = useIdempotencyKey();
  const [initial] = useState<Partial<Values>>(() => ({ kind: 'information', channel: 'phone', received_at: nowForPicker() }));
  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { label }) }];

  const onFinish = async (v: Values) => {
    try {
      const made = await create.mutateAsync({
        body: {
          kind: v.kind,
          channel: v.channel,
          customer_name: v.customer_name.trim(),
          phone: v.phone.trim(),
          content: v.content.trim(),
          ...(v.received_at && { received_at: pickerToIso(v.received_at) }),
          ...(anyOutlet && v.outlet && { outlet: v.outlet }),
        },
        idempotencyKey,
      });
      message.success(t('consult.created', { number: made.number }));
      navigate(`/consultations/${made.id}`, { replace: true });
    } catch (err) {
      settleKey(err);
      handleError(form, err);
    }
  };

  return (
    <div style={{ maxWidth: 640 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('consult.newTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('consult.newHint')}</Typography.Paragraph>
      <Card size="small">
        <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void onFinish(v)} data-testid="consultation-form">
          {anyOutlet && (
            <Form.Item
              name="outlet"
              label={t('directory.outlet')}
              extra={t('consult.outletHint')}
              rules={[{ required: true, message: t('common.required', { label: t('directory.outlet') }) }]}
            >
              <OutletField outlets={outlets} />
            </Form.Item>
          )}
          <Form.Item name="kind" label={t('consult.kind')} rules={[{ required: true }]}>
            <Radio.Group
              data-testid="consultation-kind"
              optionType="button"
              buttonStyle="solid"
              options={CONSULTATION_KINDS.map((k) => ({ value: k, label: <span data-testid={`consultation-kind-${k}`}>{tk(`consultation_kind.${k}`, k)}</span> }))}
            />
          </Form.Item>
          <Form.Item name="channel" label={t('consult.channel')} rules={[{ required: true }]}>
            <Select data-testid="consultation-channel" options={CONSULTATION_CHANNELS.map((c) => ({ value: c, label: tk(`complaint_channel.${c}`, c) }))} />
          </Form.Item>
          <Form.Item name="customer_name" label={t('consult.customerName')} rules={required(t('consult.customerName'))}>
            <Input data-testid="consultation-customer" maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item name="phone" label={t('consult.phone')} rules={[...required(t('consult.phone')), { pattern: PHONE_PATTERN, message: t('common.phoneFormat') }]}>
            <Input data-testid="consultation-phone" inputMode="tel" maxLength={30} autoComplete="off" />
          </Form.Item>
          <Form.Item name="content" label={t('consult.content')} extra={t('consult.contentHint')} rules={required(t('consult.content'))}>
            <Input.TextArea data-testid="consultation-content" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={MAX_TEXT} />
          </Form.Item>
          <Form.Item name="received_at" label={t('consult.receivedAt')} rules={[{ required: true, message: t('common.required', { label: t('consult.receivedAt') }) }]}>
            <DateTimeInput data-testid="consultation-received" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={create.isPending} data-testid="consultation-submit">
            {t('consult.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
