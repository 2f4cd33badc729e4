import { useState } from 'react';
import { App, AutoComplete, Col, DatePicker, Form, Input, Modal, Radio, Row, Select } from 'antd';
import type { ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { VOCABULARY } from '../../../api/vocabulary';
import { ApiError } from '../../../api/client';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler } from '../../../utils/errors';
import { pickerToDate } from '../../../utils/time';
import { CustomerPicker } from '../../customers/components/CustomerPicker';
import { useCustomer } from '../../customers/queries';
import { useRegisterUnit, useTemplates } from '../queries';
import type { NewUnit, Unit, UnitSource } from '../types';

const SOURCES = Object.keys(VOCABULARY.unit_source) as UnitSource[];

interface Values {
  customer_id?: string;
  model: string;
  serial_no: string;
  category?: string;
  site_id?: string;
  invoice_no?: string;
  invoice_date?: Dayjs | null;
  delivered_on?: Dayjs | null;
  installed_on?: Dayjs | null;
  source?: UnitSource;
  dealer?: string;
}

const text = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);
const day = (value: Dayjs | null | undefined) => (value ? pickerToDate(value) : undefined);

function toBody(v: Values): NewUnit {
  const body: NewUnit = { model: v.model.trim(), serial_no: v.serial_no.trim() };
  const optional: Partial<NewUnit> = {
    category: text(v.category),
    site_id: v.site_id,
    invoice_no: text(v.invoice_no),
    invoice_date: day(v.invoice_date),
    delivered_on: day(v.delivered_on),
    installed_on: day(v.installed_on),
    source: v.source,
    dealer: text(v.dealer),
  };
  Object.entries(optional).forEach(([key, value]) => {
    if (value !== undefined) (body as unknown as Record<string, unknown>)[key] = value;
  });
  return body;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** The customer the unit belongs to; left out: the form asks for one. */
  customerId?: string;
  onRegistered?: (unit: Unit) => void;
}

/**
 * 登记产品档案: model, serial number, where it stands, invoice, delivery and installation dates,
 * how it was sold. The server copies the model's warranty terms onto the unit. A serial number
 * the outlet has registered already is refused (409) and said on the serial field.
 */
export function RegisterUnitModal({ open, onClose, customerId, onRegistered }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const handleError = useFormErrorHandler();
  const register = useRegisterUnit();
  const [picked, setPicked] = useState<string | undefined>();
  const owner = customerId ?? picked;
  const customer = useCustomer(owner).data;
  const templates = useTemplates();
  const source = Form.useWatch('source', form);
  const models = (templates.data?.models ?? []).map((tpl) => ({ value: tpl.model ?? '' }));

  const onFinish = async (values: Values) => {
    if (!owner) return;
    try {
      const unit = await register.mutateAsync({ customerId: owner, body: toBody(values) });
      message.success(t('reg.done', { serial: unit.serial_no }));
      form.resetFields();
      setPicked(undefined);
      onRegistered?.(unit);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'duplicate_serial') {
        // the serial is the outlet's already: said on the field, where it is corrected
        form.setFields([{ name: 'serial_no', errors: [err.message || t('reg.duplicateSerial')] }]);
        return;
      }
      handleError(form, err);
    }
  };

  const half = { xs: 24, sm: 12 };
  return (
    <Modal
      open={open}
      title={t('reg.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('reg.submit')}
      okButtonProps={{ loading: register.isPending, 'data-testid': 'register-submit' } as ButtonProps}
      width={720}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} data-testid="register-form" initialValues={{ source: 'own' }}>
        <Row gutter={12}>
          {!customerId && (
            <Col span={24}>
              <Form.Item name="customer_id" label={t('unitInfo.customer')} rules={[{ required: true, message: t('common.required', { label: t('unitInfo.customer') }) }]}>
                <CustomerPicker
                  onChange={(id) => {
                    setPicked(id);
                    form.setFieldsValue({ site_id: undefined });
                  }}
                />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item name="model" label={t('unitInfo.model')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('unitInfo.model') }) }]}>
              <AutoComplete options={models} filterOption={(typed, option) => String(option?.value ?? '').includes(typed)}>
                <Input data-testid="register-model" maxLength={100} />
              </AutoComplete>
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="serial_no" label={t('unitInfo.serial')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('unitInfo.serial') }) }]}>
              <Input data-testid="register-serial" maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="site_id" label={t('unitInfo.site')}>
              <Select
                data-testid="register-site"
                allowClear
                disabled={!customer}
                options={(customer?.sites ?? []).map((s) => ({ value: s.id, label: [s.name, s.address].filter(Boolean).join(' · ') }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="category" label={t('unitInfo.category')}>
              <Input data-testid="register-category" maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="invoice_no" label={t('unitInfo.invoiceNo')}>
              <Input data-testid="register-invoice-no" maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="invoice_date" label={t('unitInfo.invoiceDate')}>
              <DatePicker data-testid="register-invoice-date" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="delivered_on" label={t('unitInfo.deliveredOn')}>
              <DatePicker data-testid="register-delivered-on" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="installed_on" label={t('unitInfo.installedOn')}>
              <DatePicker data-testid="register-installed-on" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="source" label={t('unitInfo.source')}>
              <Radio.Group data-testid="register-source" options={SOURCES.map((s) => ({ value: s, label: t(`unit_source.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="dealer" label={t('unitInfo.dealer')} extra={source === 'agent' ? t('reg.dealerHint') : undefined}>
              <Input data-testid="register-dealer" maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
