import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { MAX_TEXT } from '../../../api/types';
import { useCan } from '../../../access';
import { DateTimeInput } from '../../../components/DateTimeInput';
import { useI18n } from '../../../i18n';
import { useQuery } from '@tanstack/react-query';
import { getWorkOrder } from '../../../api/client';
import { ErrorState } from '../../../components/ErrorState';
import { useFormErrorHandler } from '../../../utils/errors';
import { useIdempotencyKey } from '../../../utils/idempotency';
import { PHONE_PATTERN } from '../../../utils/phone';
import { nowForPicker, pickerToDate, pickerToIso } from '../../../utils/time';
import { OutletSelect, defaultOutlet } from '../../directory/components/OutletSelect';
import { StaffSelect } from '../../directory/components/StaffSelect';
import { useOutlets } from '../../directory/queries';
import { orderKeys } from '../../orders/queries';
import { useCreateComplaint } from '../queries';
import { CHANNELS, KINDS, type ComplaintChannel, type ComplaintKind, type NewComplaint } from '../types';

interface Values {
  kind: ComplaintKind;
  channel: ComplaintChannel;
  name: string;
  phone?: string;
  received_at?: Dayjs | null;
  staff?: string;
  content: string;
  demand?: string;
  quality?: { order_ref?: string; part_no?: string; shipped_on?: Dayjs | null; quantity?: number | null; defective?: number | null };
}

function toBody(v: Values, orderId: string | null, anyOutlet: boolean, outlet: string | undefined): NewComplaint {
  const q = v.quality ?? {};
  const quality = {
    ...(q.order_ref?.trim() && { order_ref: q.order_ref.trim() }),
    ...(q.part_no?.trim() && { part_no: q.part_no.trim() }),
    ...(q.shipped_on && { shipped_on: pickerToDate(q.shipped_on) }),
    ...(typeof q.quantity === 'number' && { quantity: q.quantity }),
    ...(typeof q.defective === 'number' && { defective: q.defective }),
  };
  const about = { ...(v.staff && { staff: v.staff }), ...(orderId && { order_id: orderId }) };
  return {
    kind: v.kind,
    channel: v.channel,
    complainant: { name: v.name.trim(), ...(v.phone?.trim() && { phone: v.phone.trim() }) },
    ...(v.received_at && { received_at: pickerToIso(v.received_at) }),
    ...(Object.keys(about).length > 0 && { about }),
    content: v.content.trim(),
    ...(v.demand?.trim() && { demand: v.demand.trim() }),
    ...(v.kind === 'quality' && Object.keys(quality).length > 0 && { quality }),
    // head office names the outlet when no order or person says it
    ...(anyOutlet && !orderId && !v.staff && outlet && { outlet }),
  };
}

/** 客户投诉登记表: any staff member records a complaint (on a phone too); opened from an order's
 * page (`?order=<id>`) the order is linked and cannot be changed. */
export default function NewComplaintPage() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const handleError = useFormErrorHandler();
  const [params] = useSearchParams();
  const orderId = params.get('order');
  const linkedOrder = useQuery({
    queryKey: orderKeys.detail(orderId ?? ''),
    queryFn: () => getWorkOrder(orderId ?? ''),
    enabled: Boolean(orderId),
    meta: { silent: true }, // said on the form, next to the order
  });
  const linked = linkedOrder.data;
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [pickedOutlet, setPickedOutlet] = useState<string | undefined>();
  const chosenOutlet = pickedOutlet ?? (anyOutlet ? defaultOutlet(outlets) : undefined);
  const create = useCreateComplaint();
  // Generated once per form, so a double tap or a retry never records two complaints.
  const { key: idempotencyKey, settle: settleKey } = useIdempotencyKey();
  // whose staff the picker offers: the order's outlet, head office's choice, else one's own
  const staffOutlet = orderId ? (linked?.outlet ?? null) : anyOutlet ? (chosenOutlet ?? null) : undefined;

  const onFinish = async (values: Values) => {
    try {
      const made = await create.mutateAsync({ body: toBody(values, orderId, anyOutlet, chosenOutlet), idempotencyKey });
      message.success(t('complaints.created', { number: made.number ?? '' }));
      navigate(`/complaints/${made.id}`, { replace: true });
    } catch (err) {
      // a definite refusal made nothing: the corrected form is a new attempt
      settleKey(err);
      handleError(form, err);
    }
  };

  const half = { xs: 24, sm: 12 };
  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { label }) }];
  return (
    <div style={{ maxWidth: 880 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('complaints.formTitle')}
      </Typography.Title>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'service_attitude', channel: 'phone', received_at: nowForPicker() }}
        onFinish={(v) => void onFinish(v)}
        data-testid="complaint-form"
      >
        <Card size="small" style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col {...half}>
              <Form.Item name="kind" label={t('complaints.kind')} rules={[{ required: true }]}>
                <Select data-testid="complaint-kind" options={KINDS.map((k) => ({ value: k, label: t(`complaint_kind.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="channel" label={t('complaints.channel')} rules={[{ required: true }]}>
                <Select data-testid="complaint-channel" options={CHANNELS.map((c) => ({ value: c, label: t(`complaint_channel.${c}`) }))} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="name" label={t('complaints.complainantName')} rules={required(t('complaints.complainantName'))}>
                <Input maxLength={200} data-testid="complaint-name" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="phone" label={t('complaints.complainantPhone')} rules={[{ pattern: PHONE_PATTERN, message: t('common.phoneFormat') }]}>
                <Input type="tel" inputMode="tel" maxLength={30} data-testid="complaint-phone" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="received_at" label={t('complaints.receivedAt')}>
                <DateTimeInput data-testid="complaint-received-at" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('complaints.aboutSection')} style={{ marginBottom: 12 }}>
          {orderId && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="complaint-order-locked"
              message={t('complaints.orderLocked', { number: linked?.number ?? orderId })}
            />
          )}
          {/* the order could not be read: say so (the complaint still names it; the server checks it) */}
          {orderId && linkedOrder.error && !linked && (
            <div style={{ marginBottom: 12 }} data-testid="complaint-order-failed">
              <Typography.Text type="danger">{t('complaints.orderLoadFailed')}</Typography.Text>
              <ErrorState compact error={linkedOrder.error} onRetry={() => void linkedOrder.refetch()} retrying={linkedOrder.isFetching} />
            </div>
          )}
          <Row gutter={12}>
            {anyOutlet && !orderId && (
              <Col {...half}>
                <Form.Item label={t('complaints.outlet')}>
                  <OutletSelect
                    outlets={outlets}
                    value={chosenOutlet}
                    onChange={(code) => {
                      setPickedOutlet(code);
                      form.setFieldsValue({ staff: undefined });
                    }}
                    testId="complaint-outlet"
                  />
                </Form.Item>
              </Col>
            )}
            <Col {...half}>
              <Form.Item name="staff" label={t('complaints.aboutStaff')} extra={orderId ? undefined : t('complaints.aboutHint')}>
                <StaffSelect outlet={staffOutlet} testId="complaint-staff" />
              </Form.Item>
            </Col>
            {orderId && (
              <Col {...half}>
                <Form.Item label={t('complaints.aboutOrder')}>
                  <Input value={linked?.number ?? orderId} disabled data-testid="complaint-order" />
                </Form.Item>
              </Col>
            )}
          </Row>
        </Card>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="content" label={t('complaints.content')} rules={required(t('complaints.content'))}>
            <Input.TextArea maxLength={MAX_TEXT} autoSize={{ minRows: 3, maxRows: 8 }} data-testid="complaint-content" />
          </Form.Item>
          <Form.Item name="demand" label={t('complaints.demand')}>
            <Input.TextArea maxLength={MAX_TEXT} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="complaint-demand" />
          </Form.Item>
        </Card>
        {kind === 'quality' && (
          <Card size="small" title={t('complaints.qualitySection')} style={{ marginBottom: 12 }} data-testid="complaint-quality">
            <Row gutter={12}>
              <Col {...half}>
                <Form.Item name={['quality', 'order_ref']} label={t('complaints.orderRef')}>
                  <Input maxLength={200} data-testid="complaint-order-ref" />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['quality', 'part_no']} label={t('complaints.partNo')}>
                  <Input maxLength={200} data-testid="complaint-part-no" />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['quality', 'shipped_on']} label={t('complaints.shippedOn')}>
                  <DateTimeInput withTime={false} data-testid="complaint-shipped-on" />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name={['quality', 'quantity']} label={t('complaints.quantity')}>
                  <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} data-testid="complaint-quantity" />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name={['quality', 'defective']} label={t('complaints.defective')}>
                  <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} data-testid="complaint-defective" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        )}
        <Button type="primary" htmlType="submit" loading={create.isPending} block={false} data-testid="complaint-submit">
          {t('complaints.submit')}
        </Button>
      </Form>
    </div>
  );
}
