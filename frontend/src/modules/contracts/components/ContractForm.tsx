import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, InputNumber, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../../api/client';
import { DateTimeInput } from '../../../components/DateTimeInput';
import { ErrorState } from '../../../components/ErrorState';
import { YuanInput, yuanRules } from '../../../components/YuanInput';
import { useI18n } from '../../../i18n';
import { isStaleVersion, useErrorText, useFormErrorHandler } from '../../../utils/errors';
import { useIdempotencyKey } from '../../../utils/idempotency';
import { fenToYuan, yuanToFen } from '../../../utils/money';
import { pickerToDate } from '../../../utils/time';
import { CustomerPicker } from '../../customers/components/CustomerPicker';
import { useCustomer } from '../../customers/queries';
import { useCreateContract, useSaveContract } from '../queries';
import { PERIOD_MONTHS, SCHEDULE_KINDS, SCHEDULE_PERS, type ChecklistArea, type Contract, type ContractChange, type NewContract, type ScheduleKind, type SchedulePer } from '../types';
import { ChecklistEditor } from './ChecklistEditor';
import { moveFieldErrors } from './ContractDialogs';

interface Values {
  customer_id?: string;
  sites: string[];
  units: string[];
  starts_on: Dayjs | null;
  ends_on: Dayjs | null;
  free_period: boolean;
  price: string;
  included_callouts: number | null;
  schedule: { kind: ScheduleKind; day: number | null; month_offset: number; per: SchedulePer };
  service_level: { response_minutes?: number | null; arrival_minutes?: number | null };
  checklist: ChecklistArea[];
}

function newValues(): Values {
  const start = dayjs().startOf('day');
  return {
    sites: [],
    units: [],
    starts_on: start,
    ends_on: start.add(1, 'year').subtract(1, 'day'),
    free_period: false,
    price: '',
    included_callouts: 0,
    schedule: { kind: 'quarterly', day: 15, month_offset: 0, per: 'site' },
    service_level: {},
    checklist: [],
  };
}

function fromContract(c: Contract): Values {
  return {
    customer_id: c.customer_id,
    sites: [...c.sites],
    units: [...c.units],
    starts_on: dayjs(c.starts_on),
    ends_on: dayjs(c.ends_on),
    free_period: c.free_period,
    price: c.free_period ? '' : fenToYuan(c.price_fen),
    included_callouts: c.included_callouts,
    schedule: { kind: c.schedule.kind, day: c.schedule.day, month_offset: c.schedule.month_offset ?? 0, per: c.schedule.per },
    service_level: { response_minutes: c.service_level?.response_minutes ?? null, arrival_minutes: c.service_level?.arrival_minutes ?? null },
    checklist: c.checklist.map((a) => ({ area: a.area, items: [...a.items] })),
  };
}

/** The fields the create and the edit send alike. */
function toBody(v: Values): Omit<NewContract, 'customer_id' | 'state'> {
  const level = {
    ...(v.service_level.response_minutes ? { response_minutes: v.service_level.response_minutes } : {}),
    ...(v.service_level.arrival_minutes ? { arrival_minutes: v.service_level.arrival_minutes } : {}),
  };
  return {
    starts_on: pickerToDate(v.starts_on!),
    ends_on: pickerToDate(v.ends_on!),
    free_period: v.free_period,
    price_fen: v.free_period ? 0 : (yuanToFen(v.price) ?? 0),
    sites: v.sites,
    units: v.units,
    service_level: Object.keys(level).length > 0 ? level : null,
    included_callouts: v.included_callouts ?? 0,
    schedule: { kind: v.schedule.kind, day: v.schedule.day ?? 1, month_offset: v.schedule.kind === 'monthly' ? 0 : v.schedule.month_offset, per: v.schedule.per },
    checklist: (v.checklist ?? []).map((a) => ({ area: a.area.trim(), items: (a.items ?? []).map((i) => i.trim()) })),
  };
}

interface Props {
  /** The contract as it was when the form opened (its values and version go together); none: a new one. */
  contract?: Contract;
  /** The contract as last read: after a conflict its values and version can be taken. */
  latest?: Contract;
  /** Someone changed it first: the page reads it again. */
  onStale?: () => void;
  onSaved: (contract: Contract) => void;
}

/**
 * A contract's form (new or edit): the customer and which of their sites and units it covers
 * (none named: every unit at the covered sites), the period or a free maintenance period
 * (price 0), the price in 元 (sent as fen), the call-outs included per contract year, the
 * inspection schedule, the service level and the checklist. The server's 400 field errors land
 * on their fields; an edit is sent on the version the form opened with (409: said, and the
 * latest can be taken).
 */
export function ContractForm({ contract, latest, onStale, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const handleError = useFormErrorHandler();
  const errorText = useErrorText();
  const idempotency = useIdempotencyKey();
  const create = useCreateContract();
  const save = useSaveContract(contract?.id ?? '');
  const [initial] = useState<Values>(() => (contract ? fromContract(contract) : newValues()));
  // the version the values go with: the contract as opened, or as taken after a conflict
  const [version, setVersion] = useState(contract?.version);
  const [stale, setStale] = useState(false);
  const customerId = Form.useWatch('customer_id', form) ?? contract?.customer_id;
  const customerQuery = useCustomer(customerId);
  const customer = customerQuery.data;
  const sites = (Form.useWatch('sites', form) as string[] | undefined) ?? initial.sites;
  const kind = (Form.useWatch(['schedule', 'kind'], form) as ScheduleKind | undefined) ?? initial.schedule.kind;
  const free = Form.useWatch('free_period', form) ?? initial.free_period;
  const busy = create.isPending || save.isPending;

  // a customer with one site: that site, once their details arrive (once per pick)
  const offered = useRef<string | null>(contract?.customer_id ?? null);
  useEffect(() => {
    if (!customer || offered.current === customer.id) return;
    offered.current = customer.id;
    if (customer.sites.length === 1) form.setFieldsValue({ sites: [customer.sites[0].id] });
  }, [customer, form]);

  const units = (customer?.equipment ?? []).filter((u) => u.site_id && sites.includes(u.site_id));
  const siteName = (id: string | null) => customer?.sites.find((s) => s.id === id)?.name ?? '';

  const failed = (err: unknown) => {
    if (!contract) idempotency.settle(err);
    if (isStaleVersion(err)) {
      setStale(true);
      onStale?.();
      return;
    }
    const moved = moveFieldErrors(err);
    if (moved instanceof ApiError && moved.status === 409 && Object.keys(moved.fields).length > 0) {
      // a unit under another active contract over the period: on its field, and said
      form.setFields(Object.entries(moved.fields).map(([name, text]) => ({ name: name as keyof Values, errors: [text] })));
      void message.error(errorText(err));
      return;
    }
    handleError(form, moved);
  };

  const send = async (state?: 'draft' | 'active') => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    try {
      const body = toBody(values);
      if (!contract) {
        const created = await create.mutateAsync({ body: { ...body, customer_id: values.customer_id!, state }, idempotencyKey: idempotency.key });
        idempotency.renew();
        void message.success(t('contracts.created', { number: created.number }));
        onSaved(created);
      } else {
        const saved = await save.mutateAsync({ ...(body as Omit<ContractChange, 'version'>), version: version! });
        void message.success(t('contracts.saved'));
        onSaved(saved);
      }
    } catch (err) {
      failed(err);
    }
  };

  const takeLatest = () => {
    if (!latest) return;
    form.setFieldsValue(fromContract(latest));
    setVersion(latest.version);
    setStale(false);
  };

  const half = { xs: 24, sm: 12 };
  const third = { xs: 24, sm: 8 };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      data-testid="contract-form"
      onValuesChange={(changed: Partial<Values>) => {
        if ('customer_id' in changed) form.setFieldsValue({ sites: [], units: [] });
        if ('sites' in changed) {
          const kept = (form.getFieldValue('units') as string[]).filter((id) => {
            const unit = customer?.equipment.find((u) => u.id === id);
            return unit?.site_id && changed.sites!.includes(unit.site_id);
          });
          form.setFieldsValue({ units: kept });
        }
        if (changed.schedule?.kind) form.setFieldValue(['schedule', 'month_offset'], 0);
        if (changed.free_period) form.setFieldsValue({ price: '' });
      }}
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="contract-stale"
          message={t('contracts.staleForm')}
          action={
            latest && latest.version !== version ? (
              <Button size="small" onClick={takeLatest} data-testid="contract-take-latest">
                {t('contracts.takeLatest')}
              </Button>
            ) : undefined
          }
        />
      )}
      <Card size="small" title={t('contracts.customerSection')} style={{ marginBottom: 12 }}>
        {contract ? (
          <Form.Item label={t('contracts.customer')}>
            <Typography.Text data-testid="contract-form-customer">{contract.customer_name ?? contract.customer_id}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="customer_id" label={t('contracts.customer')} rules={[{ required: true, message: t('contracts.customerRequired') }]}>
            <CustomerPicker selectedLabel={customer ? `${customer.name} · ${customer.phone}` : undefined} />
          </Form.Item>
        )}
        {customerQuery.error && !customer ? <ErrorState compact error={customerQuery.error} onRetry={() => void customerQuery.refetch()} retrying={customerQuery.isFetching} /> : null}
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="sites" label={t('field.sites')} rules={[{ required: true, type: 'array', min: 1, message: t('contracts.sitesRequired') }]}>
              <Select
                mode="multiple"
                data-testid="contract-sites-select"
                disabled={!customer}
                options={(customer?.sites ?? []).map((s) => ({ value: s.id, label: [s.name, s.address].filter(Boolean).join(' · ') }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="units" label={t('field.units')} extra={t('contracts.unitsHint')}>
              <Select
                mode="multiple"
                allowClear
                data-testid="contract-units-select"
                disabled={!customer}
                notFoundContent={t('contracts.unitsNone')}
                options={units.map((u) => ({ value: u.id, label: `${u.model} · ${u.serial_no}${u.site_id ? ` · ${siteName(u.site_id)}` : ''}` }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t('contracts.termsSection')} style={{ marginBottom: 12 }}>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="starts_on" label={t('field.starts_on')} rules={[{ required: true, message: t('contracts.required') }]}>
              <DateTimeInput withTime={false} data-testid="contract-starts-on" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="ends_on" label={t('field.ends_on')} rules={[{ required: true, message: t('contracts.required') }]}>
              <DateTimeInput withTime={false} data-testid="contract-ends-on" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="free_period" valuePropName="checked" extra={t('contracts.freePeriodHint')} label={t('contracts.kindOfContract')}>
              <Checkbox data-testid="contract-free-period">{t('contracts.freePeriod')}</Checkbox>
            </Form.Item>
          </Col>
          <Col {...half}>
            {free ? (
              <Form.Item label={t('contracts.priceYuan')}>
                <YuanInput value="0.00" disabled data-testid="contract-price" />
              </Form.Item>
            ) : (
              <Form.Item name="price" label={t('contracts.priceYuan')} rules={yuanRules(t, { required: t('contracts.priceYuan') })}>
                <YuanInput data-testid="contract-price" />
              </Form.Item>
            )}
          </Col>
          <Col {...half}>
            <Form.Item name="included_callouts" label={t('field.included_callouts')} extra={t('contracts.calloutsHint')} rules={[{ required: true, message: t('contracts.required') }]}>
              <InputNumber min={0} max={999} precision={0} style={{ width: '100%' }} data-testid="contract-included-callouts" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t('contracts.serviceSection')} style={{ marginBottom: 12 }}>
        <Row gutter={12}>
          <Col {...third}>
            <Form.Item name={['schedule', 'kind']} label={t('contracts.scheduleKind')} rules={[{ required: true }]}>
              <Select data-testid="contract-schedule-kind" options={SCHEDULE_KINDS.map((k) => ({ value: k, label: t(`schedule_kind.${k}`) }))} />
            </Form.Item>
          </Col>
          {kind !== 'monthly' && (
            <Col {...third}>
              <Form.Item name={['schedule', 'month_offset']} label={t('field.month_offset')}>
                <Select
                  data-testid="contract-schedule-month"
                  options={Array.from({ length: PERIOD_MONTHS[kind] }, (_, i) => ({ value: i, label: t('contracts.monthOfPeriod', { n: i + 1 }) }))}
                />
              </Form.Item>
            </Col>
          )}
          <Col {...third}>
            <Form.Item name={['schedule', 'day']} label={t('field.day')} rules={[{ required: true, message: t('contracts.required') }]}>
              <InputNumber min={1} max={28} precision={0} style={{ width: '100%' }} data-testid="contract-schedule-day" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name={['schedule', 'per']} label={t('contracts.schedulePer')}>
              <Radio.Group data-testid="contract-schedule-per" options={SCHEDULE_PERS.map((p) => ({ value: p, label: t(`schedule_per.${p}`) }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['service_level', 'response_minutes']} label={t('field.response_minutes')} extra={t('contracts.serviceLevelHint')}>
              <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} addonAfter={t('contracts.minutes')} data-testid="contract-response-minutes" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['service_level', 'arrival_minutes']} label={t('field.arrival_minutes')}>
              <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} addonAfter={t('contracts.minutes')} data-testid="contract-arrival-minutes" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t('contracts.checklist')} style={{ marginBottom: 12 }}>
        <ChecklistEditor form={form} />
      </Card>

      <Flex gap={8} wrap justify="end">
        {contract ? (
          <Button type="primary" loading={busy} onClick={() => void send()} data-testid="contract-save">
            {t('contracts.save')}
          </Button>
        ) : (
          <>
            <Button loading={busy} onClick={() => void send('draft')} data-testid="contract-save-draft">
              {t('contracts.saveDraft')}
            </Button>
            <Button type="primary" loading={busy} onClick={() => void send('active')} data-testid="contract-save-active">
              {t('contracts.saveActive')}
            </Button>
          </>
        )}
      </Flex>
    </Form>
  );
}
