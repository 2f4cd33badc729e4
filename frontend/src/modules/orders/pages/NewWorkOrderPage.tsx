import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import { useIsMutating, useQueryClient } from '@tanstack/react-query';
import { PlusOutlined, UpOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { INTAKE_CHANNELS, COVERAGES, ORDER_TYPES, PRIORITIES } from '../../../api/types';
import type { CustomerDetail, NewWorkOrder } from '../../../api/types';
import { useCan } from '../../../access';
import { DateTimeInput } from '../../../components/DateTimeInput';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler } from '../../../utils/errors';
import { useIdempotencyKey } from '../../../utils/idempotency';
import { pickerToIso } from '../../../utils/time';
import { CustomerPicker } from '../../customers/components/CustomerPicker';
import { NewCustomerForm } from '../../customers/components/NewCustomerForm';
import { CREATE_CUSTOMER, useCustomer } from '../../customers/queries';
import { componentsToBody, IntakeCoverage, type ComponentValue } from '../../warranty/components/coverage/IntakeCoverage';
import { RegisterUnitModal } from '../../warranty/components/RegisterUnitModal';
import { OpenOrdersWarning } from '../components/OpenOrdersWarning';
import { JobClassSelect } from '../../technicians/components/JobClassSelect';
import { useCreateWorkOrder } from '../queries';
import { consultationKeys, useConsultation } from '../../consultations/queries';
import type { Consultation } from '../../consultations/types';

type Values = Omit<NewWorkOrder, 'customer_id' | 'fault_started_at' | 'distance_km' | 'components'> & {
  customer_id?: string;
  fault_started_at?: Dayjs | null;
  distance_km?: number | null;
  /** The failed components of the picked unit (the warranty area decides their coverage). */
  components?: ComponentValue[];
};

const INITIAL: Partial<Values> = { type: 'repair', priority: 'general', channel: 'phone', coverage: 'unknown' };

/** How a consultation's customer reached us, as an order's intake channel (the rest: as picked). */
const CONSULTATION_CHANNEL: Partial<Record<Consultation['channel'], Values['channel']>> = { phone: 'phone', visit: 'walk_in', online: 'web' };

/** `decided`: the unit's terms decide coverage, so the agent's pick is not sent. `consultation`:
 * the consultation this order is made from (转为工单), marked converted in the order's transaction. */
function toBody(v: Values, decided: boolean, consultation?: string): NewWorkOrder {
  const components = v.equipment_id ? componentsToBody(v.components) : [];
  return {
    customer_id: v.customer_id ?? '',
    ...(v.site_id && { site_id: v.site_id }),
    ...(v.equipment_id && { equipment_id: v.equipment_id }),
    type: v.type,
    priority: v.priority,
    channel: v.channel,
    ...(!decided && { coverage: v.coverage }),
    ...(components.length > 0 && { components }),
    description: v.description.trim(),
    ...(v.fault_started_at && { fault_started_at: pickerToIso(v.fault_started_at) }),
    ...(v.impact?.trim() && { impact: v.impact.trim() }),
    ...(typeof v.distance_km === 'number' && { distance_km: v.distance_km }),
    ...(consultation && { consultation_id: consultation }),
    ...(v.job_class && { job_class: v.job_class }),
  };
}

/** Record customer feedback: pick or create the customer, then describe the problem. */
export default function NewWorkOrderPage() {
  const can = useCan();
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const handleError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  // 转为工单 from a consultation (`?consultation=<id>`): prefilled from what it knows
  const consultationId = useSearchParams()[0].get('consultation') ?? undefined;
  const consultation = useConsultation(consultationId).data;
  const [customerId, setCustomerId] = useState<string | undefined>();
  const customerQuery = useCustomer(customerId);
  const customer = customerQuery.data ?? null;
  const [showNewCustomer, setShowNewCustomer] = useState(false);
  const creatingCustomer = useIsMutating({ mutationKey: CREATE_CUSTOMER }) > 0;
  const [registering, setRegistering] = useState(false);
  const { mutateAsync: create } = useCreateWorkOrder();
  const [submitting, setSubmitting] = useState(false);
  // Generated once per form instance, so a double click or a retry never makes two orders.
  const { key: idempotencyKey, settle: settleKey } = useIdempotencyKey();
  const siteId = Form.useWatch('site_id', form);
  const equipmentId = Form.useWatch('equipment_id', form);
  const orderType = Form.useWatch('type', form);
  // The unit's terms decide coverage per failed component (the preview says so).
  const [coverageDecided, setCoverageDecided] = useState(false);

  // The customer whose sites were last offered: the usual case is one site, chosen when the
  // customer's details arrive (once per pick).
  const offered = useRef<string | null>(null);
  useEffect(() => {
    if (!customer || offered.current === customer.id) return;
    offered.current = customer.id;
    if (customer.sites.length === 1) form.setFieldsValue({ site_id: customer.sites[0].id, distance_km: customer.sites[0].distance_km ?? undefined });
  }, [customer, form]);

  const loadCustomer = (id: string | undefined) => {
    form.setFieldsValue({ site_id: undefined, equipment_id: undefined, components: [] });
    offered.current = null;
    setCustomerId(id);
  };

  const prefilled = useRef<string | null>(null);
  useEffect(() => {
    if (!consultation || prefilled.current === consultation.id) return;
    prefilled.current = consultation.id;
    const channel = CONSULTATION_CHANNEL[consultation.channel];
    form.setFieldsValue({ description: consultation.content, ...(channel && { channel }) });
    if (consultation.customer_id) {
      form.setFieldsValue({ customer_id: consultation.customer_id });
      loadCustomer(consultation.customer_id);
    }
  }); // once the consultation is loaded (prefilled.current guards the rest)

  const onCustomerCreated = (created: CustomerDetail) => {
    message.success(t('new.customerCreated'));
    setShowNewCustomer(false);
    form.setFieldsValue({ customer_id: created.id });
    form.setFields([{ name: 'customer_id', errors: [] }]);
    loadCustomer(created.id);
  };

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    try {
      const order = await create({ body: toBody(values, coverageDecided && Boolean(values.equipment_id), consultationId), idempotencyKey });
      if (consultationId) void client.invalidateQueries({ queryKey: consultationKeys.all });
      message.success(t('new.created', { number: order.number }));
      navigate(`/work-orders/${order.id}`, { replace: true });
    } catch (err) {
      // A definite refusal means no order was made; the corrected form is a new attempt.
      settleKey(err);
      handleError(form, err);
      setSubmitting(false);
    }
  };

  // The arrival deadline depends on the distance: ask for it when the site has no coordinates.
  const site = customer?.sites.find((s) => s.id === siteId);
  const needsDistance = Boolean(customer) && (!site || site.lat === null || site.lng === null);
  const equipment = (customer?.equipment ?? []).filter((e) => !siteId || !e.site_id || e.site_id === siteId);
  const half = { xs: 24, sm: 12 };

  return (
    <div style={{ maxWidth: 880 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('new.title')}
      </Typography.Title>
      {consultation && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="order-from-consultation"
          message={
            <Link to={`/consultations/${consultation.id}`}>
              {t('consult.title', { number: consultation.number })}
            </Link>
          }
          description={[consultation.customer_name, consultation.phone].filter(Boolean).join(' · ')}
        />
      )}
      {/* No <form> element here: the new-customer form sits inside and must not be nested in one. */}
      <Form<Values>
        form={form}
        component={false}
        layout="vertical"
        initialValues={INITIAL}
        onFinish={onFinish}
        onValuesChange={(changed: Partial<Values>) => {
          if ('customer_id' in changed) loadCustomer(changed.customer_id);
          if ('equipment_id' in changed) form.setFieldsValue({ components: [] });
          if ('site_id' in changed) {
            const site = customer?.sites.find((s) => s.id === changed.site_id);
            form.setFieldsValue({ equipment_id: undefined, components: [], distance_km: site?.distance_km ?? undefined });
          }
        }}
      >
        <Card title={t('new.customerSection')} size="small" style={{ marginBottom: 16 }}>
          <Form.Item name="customer_id" label={t('wo.customer')} rules={[{ required: true, message: t('new.customerRequired') }]}>
            <CustomerPicker selectedLabel={customer ? `${customer.name} · ${customer.phone}` : undefined} />
          </Form.Item>
          {customerQuery.error && !customer ? <ErrorState compact error={customerQuery.error} onRetry={() => void customerQuery.refetch()} retrying={customerQuery.isFetching} /> : null}
          {can('customers.write') && (
            <Button
              icon={showNewCustomer ? <UpOutlined /> : <PlusOutlined />}
              data-testid="new-customer-toggle"
              onClick={() => setShowNewCustomer((v) => !v)}
            >
              {showNewCustomer ? t('new.closeNewCustomer') : t('new.newCustomer')}
            </Button>
          )}
          {showNewCustomer && <NewCustomerForm onCreated={onCustomerCreated} />}
          {customer && (
            <Row gutter={12} style={{ marginTop: 16 }}>
              <Col {...half}>
                <Form.Item name="site_id" label={t('wo.site_id')} extra={customer.sites.length === 0 ? t('new.noSites') : undefined}>
                  <Select
                    data-testid="order-site"
                    allowClear
                    options={customer.sites.map((s) => ({ value: s.id, label: [s.name, s.address].filter(Boolean).join(' · ') }))}
                  />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item
                  name="equipment_id"
                  label={t('wo.equipment_id')}
                  extra={
                    can('warranty.units.write') ? (
                      <Button type="link" size="small" icon={<PlusOutlined />} style={{ padding: 0 }} onClick={() => setRegistering(true)} data-testid="order-register-unit">
                        {t('reg.title')}
                      </Button>
                    ) : undefined
                  }
                >
                  <Select
                    data-testid="order-equipment"
                    allowClear
                    notFoundContent={t('new.noEquipment')}
                    options={equipment.map((e) => ({ value: e.id, label: `${e.model} · ${e.serial_no}` }))}
                  />
                </Form.Item>
                {/* a unit not on file yet: registered here, then picked */}
                <RegisterUnitModal
                  open={registering}
                  onClose={() => setRegistering(false)}
                  customerId={customer.id}
                  onRegistered={(unit) => form.setFieldsValue({ site_id: unit.site_id ?? siteId, equipment_id: unit.id, components: [] })}
                />
              </Col>
            </Row>
          )}
          {customer && equipmentId && <IntakeCoverage form={form} customer={customer} equipmentId={equipmentId} type={orderType} onDecided={setCoverageDecided} />}
          <OpenOrdersWarning customer={customer?.id} site={siteId} equipment={equipmentId} />
        </Card>
        <Card title={t('new.orderSection')} size="small">
          <Row gutter={12}>
            <Col {...half}>
              <Form.Item name="type" label={t('wo.type')} rules={[{ required: true }]}>
                <Select data-testid="order-type" options={ORDER_TYPES.map((v) => ({ value: v, label: te('type', v) }))} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="priority" label={t('wo.priority')} rules={[{ required: true }]}>
                <Radio.Group data-testid="order-priority" optionType="button" buttonStyle="solid" options={PRIORITIES.map((v) => ({ value: v, label: te('priority', v) }))} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="channel" label={t('wo.channel')} rules={[{ required: true }]}>
                <Select data-testid="order-channel" options={INTAKE_CHANNELS.map((v) => ({ value: v, label: te('channel', v) }))} />
              </Form.Item>
            </Col>
            <Col {...half}>
              {coverageDecided && equipmentId ? (
                <Form.Item label={t('wo.coverage')} data-testid="order-coverage-decided">
                  <Typography.Text type="secondary">{t('intakeCoverage.decidedByTerms')}</Typography.Text>
                </Form.Item>
              ) : (
                <Form.Item name="coverage" label={t('wo.coverage')} rules={[{ required: true }]}>
                  <Select data-testid="order-coverage" options={COVERAGES.filter((v) => v !== 'mixed').map((v) => ({ value: v, label: te('coverage', v) }))} />
                </Form.Item>
              )}
            </Col>
            <Col {...half}>
              {/* the class of work, if the fault already says it (the manager may set or correct it at dispatch) */}
              <Form.Item name="job_class" label={t('wo.job_class')}>
                <JobClassSelect data-testid="order-job-class" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="description"
                label={t('wo.description')}
                rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('wo.description') }) }]}
              >
                <Input.TextArea data-testid="order-description" autoSize={{ minRows: 3, maxRows: 8 }} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="fault_started_at" label={t('wo.fault_started_at')}>
                <DateTimeInput data-testid="order-fault-started" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="impact" label={t('wo.impact')}>
                <Input data-testid="order-impact" />
              </Form.Item>
            </Col>
            {needsDistance && (
              <Col {...half}>
                <Form.Item name="distance_km" label={t('new.distance')} extra={t('new.distanceHint')}>
                  <InputNumber data-testid="order-distance" min={0} max={20000} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            )}
          </Row>
          {/* a new customer still being created is not in the form yet: the order waits for it */}
          <Button type="primary" loading={submitting || creatingCustomer} onClick={() => form.submit()} data-testid="order-submit">
            {t('new.submit')}
          </Button>
        </Card>
      </Form>
    </div>
  );
}
