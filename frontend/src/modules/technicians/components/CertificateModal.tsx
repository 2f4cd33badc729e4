import { Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formSheet } from '../../../components/formSheet';
import { useI18n } from '../../../i18n';
import { useDialogSubmit } from '../../../utils/errors';
import { pickerToDate } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { useJobClasses, useSaveCertificate } from '../queries';
import { LIMITS, type CertificateView } from '../types';

interface Values {
  type: string;
  number: string;
  issuer: string;
  valid_from: Dayjs;
  valid_to: Dayjs;
}

interface Props {
  username: string;
  name: string;
  /** The certificate to correct; none: a new one. */
  certificate?: CertificateView;
  onClose: () => void;
  onStale: () => void;
}

/**
 * 添加证书 / 修改证书: the type (head office's certificate types), number, issuer and the dates it
 * is valid between. A correction is checked against the version the manager saw.
 */
export function CertificateModal({ username, name, certificate, onClose, onStale }: Props) {
  const { t, lang } = useI18n();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const send = useDialogSubmit(form, { onClose, onStale, done: t('tech.certSaved'), stale: t('tech.stale') });
  const save = useSaveCertificate(username);
  const table = useJobClasses();
  const types = table.data?.settings.certificate_types ?? [];
  const options = types.map((c) => ({ value: c.code, label: lang === 'zh-CN' ? c.name_zh : c.name_en }));
  // a type head office has since removed stays shown by the name the server gave it
  if (certificate && !types.some((c) => c.code === certificate.type)) options.push({ value: certificate.type, label: certificate.type_name });

  const submit = async (v: Values) => {
    const body = {
      type: v.type,
      number: v.number.trim(),
      issuer: v.issuer.trim(),
      valid_from: pickerToDate(v.valid_from),
      valid_to: pickerToDate(v.valid_to),
    };
    await send(() => save.mutateAsync(certificate ? { id: certificate.id, body: { ...body, version: certificate.version } } : { body }));
  };

  const initial = certificate
    ? { type: certificate.type, number: certificate.number, issuer: certificate.issuer, valid_from: dayjs(certificate.valid_from), valid_to: dayjs(certificate.valid_to) }
    : undefined;
  const half = { xs: 24, sm: 12 };
  const required = (label: string) => ({ required: true, message: t('common.required', { label }) });

  return (
    <Modal
      open
      title={certificate ? t('tech.editCertTitle', { number: certificate.number }) : t('tech.addCertTitle', { name })}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'cert-submit', disabled: table.isPending } as ButtonProps}
      {...formSheet(isMobile, 600, 'cert-modal')}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="type" label={t('tech.certType')} rules={[required(t('tech.certType'))]}>
              <Select data-testid="cert-type" options={options} loading={table.isPending} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="number" label={t('tech.certNumber')} rules={[{ ...required(t('tech.certNumber')), whitespace: true }]}>
              <Input maxLength={LIMITS.number} data-testid="cert-number" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="issuer" label={t('tech.certIssuer')} rules={[{ ...required(t('tech.certIssuer')), whitespace: true }]}>
              <Input maxLength={LIMITS.issuer} data-testid="cert-issuer" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="valid_from" label={t('tech.validFrom')} rules={[required(t('tech.validFrom'))]}>
              <DatePicker data-testid="cert-valid-from" style={{ width: '100%' }} inputReadOnly={isMobile} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="valid_to"
              label={t('tech.validTo')}
              dependencies={['valid_from']}
              rules={[
                required(t('tech.validTo')),
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | undefined) => {
                    const from = getFieldValue('valid_from') as Dayjs | undefined;
                    return value && from && value.isBefore(from, 'day') ? Promise.reject(new Error(t('tech.validToBeforeFrom'))) : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker data-testid="cert-valid-to" style={{ width: '100%' }} inputReadOnly={isMobile} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
