import { useState } from 'react';
import { Button, Card, Col, Divider, Form, Input, InputNumber, Row } from 'antd';
import type { CustomerDetail, NewCustomer } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler } from '../../../utils/errors';
import { useIdempotencyKey } from '../../../utils/idempotency';
import { useCreateCustomer } from '../queries';

interface Values {
  name: string;
  phone: string;
  contact_name?: string;
  address?: string;
  region?: string;
  site?: { name?: string; address?: string; lat?: number; lng?: number; distance_km?: number };
  equipment?: { model?: string; serial_no?: string };
}

/** Trimmed text, or undefined when nothing was typed (optional fields are then left out). */
const text = (value: string | undefined) => value?.trim() || undefined;

/** Optional parts are sent only when something was filled in. */
function toBody(v: Values): NewCustomer {
  const body: NewCustomer = {
    name: v.name.trim(),
    phone: v.phone.trim(),
    contact_name: text(v.contact_name),
    address: text(v.address),
    region: text(v.region),
  };
  const site = v.site ?? {};
  if (text(site.name) || text(site.address)) {
    body.site = {
      name: text(site.name) ?? '',
      address: text(site.address),
      lat: site.lat ?? undefined,
      lng: site.lng ?? undefined,
      distance_km: site.distance_km ?? undefined,
    };
  }
  const equipment = v.equipment ?? {};
  if (text(equipment.model) || text(equipment.serial_no)) {
    body.equipment = { model: text(equipment.model) ?? '', serial_no: text(equipment.serial_no) ?? '' };
  }
  return body;
}

interface Props {
  onCreated: (customer: CustomerDetail) => void;
}

export function NewCustomerForm({ onCreated }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const handleError = useFormErrorHandler();
  const [submitting, setSubmitting] = useState(false);
  const { mutateAsync: create } = useCreateCustomer();
  // One key per attempt at creating this customer: a retry after a lost answer reuses it.
  const { key: idempotencyKey, settle: settleKey } = useIdempotencyKey();

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    try {
      onCreated(await create({ body: toBody(values), idempotencyKey }));
    } catch (err) {
      // The server refused this body for good: a corrected body is a new attempt.
      settleKey(err);
      handleError(form, err);
    } finally {
      setSubmitting(false);
    }
  };

  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { label }) }];
  const half = { xs: 24, sm: 12 };

  return (
    <Card size="small" title={t('new.newCustomerTitle')} style={{ marginTop: 12 }}>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="name" label={t('cust.name')} rules={required(t('cust.name'))}>
              <Input data-testid="new-customer-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="phone" label={t('cust.phone')} rules={required(t('cust.phone'))}>
              <Input data-testid="new-customer-phone" inputMode="tel" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="contact_name" label={t('cust.contact_name')}>
              <Input data-testid="new-customer-contact" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="region" label={t('cust.region')}>
              <Input data-testid="new-customer-region" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('cust.address')}>
              <Input data-testid="new-customer-address" />
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left" plain>
          {t('new.firstSite')}
        </Divider>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name={['site', 'name']} label={t('cust.site_name')}>
              <Input data-testid="new-site-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['site', 'address']} label={t('cust.site_address')}>
              <Input data-testid="new-site-address" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name={['site', 'lat']} label={t('cust.lat')}>
              <InputNumber min={-90} max={90} style={{ width: '100%' }} data-testid="new-site-lat" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name={['site', 'lng']} label={t('cust.lng')}>
              <InputNumber min={-180} max={180} style={{ width: '100%' }} data-testid="new-site-lng" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={['site', 'distance_km']} label={t('cust.distance_km')}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid="new-site-distance" />
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left" plain>
          {t('new.firstEquipment')}
        </Divider>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name={['equipment', 'model']} label={t('cust.model')}>
              <Input data-testid="new-equipment-model" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['equipment', 'serial_no']} label={t('cust.serial_no')}>
              <Input data-testid="new-equipment-serial" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="new-customer-submit">
          {t('new.createCustomer')}
        </Button>
      </Form>
    </Card>
  );
}
