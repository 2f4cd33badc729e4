import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../../api/session';
import { NETWORK_SCOPE } from '../../../api/types';
import { formSheet } from '../../../components/formSheet';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler } from '../../../utils/errors';
import { pickerToDate } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { useJobClasses, useTechnicianList } from '../queries';
import { useCreateSession, usePlans } from './queries';
import { GROUPS, useVocabulary } from './tags';
import { EXAM_KINDS, LIMITS, SESSION_KINDS, type ExamKind, type SessionBody, type SessionKind } from './types';

interface Values {
  title: string;
  held_on: Dayjs;
  place: string;
  trainer: string;
  kind: SessionKind;
  exam_kind: ExamKind;
  plan_id?: string;
  certificate_type?: string;
  validity_months?: number;
  attendees: string[];
}

/** How long a certificate issued by a training is valid unless said otherwise (design: 36). */
const DEFAULT_VALIDITY = 36;

/**
 * 新建培训: a session of an outlet (`outlet` undefined: the manager's own) with its attendees
 * (the outlet's technicians), how it is assessed, the plan it belongs to and the certificate
 * a pass issues. Created, it opens its page (where the results are recorded afterwards).
 */
export function SessionModal({ outlet, onClose }: { outlet: string | undefined; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const handleError = useFormErrorHandler();
  const create = useCreateSession();
  const name = useVocabulary();
  const people = useTechnicianList(outlet, true);
  const table = useJobClasses();
  const year = new Date().getFullYear();
  // a manager's list (no outlet named) holds the network's plans too; head office asks for both
  const outletPlans = usePlans(outlet, year, true);
  const networkPlans = usePlans(NETWORK_SCOPE, year, outlet !== undefined);
  const certificate = Form.useWatch('certificate_type', form);

  const plans = [...(outletPlans.data?.items ?? []), ...(outlet !== undefined ? (networkPlans.data?.items ?? []) : [])].filter((p) => p.state === 'approved');
  const certificateTypes = table.data?.settings.certificate_types ?? [];

  const submit = async (v: Values) => {
    const body: SessionBody = {
      outlet: outlet ?? me.outlet,
      title: v.title.trim(),
      held_on: pickerToDate(v.held_on),
      place: v.place.trim(),
      trainer: v.trainer.trim(),
      kind: v.kind,
      exam_kind: v.exam_kind,
      plan_id: v.plan_id ?? null,
      certificate_type: v.certificate_type ?? null,
      ...(v.certificate_type ? { validity_months: v.validity_months ?? DEFAULT_VALIDITY } : {}),
      attendees: v.attendees.map((username) => ({ username })),
    };
    try {
      const session = await create.mutateAsync(body);
      message.success(t('training.session.created'));
      onClose();
      navigate(`/technicians/training/sessions/${encodeURIComponent(session.id)}`);
    } catch (err) {
      handleError(form, err);
    }
  };

  const half = { xs: 24, sm: 12 };
  const required = (label: string) => ({ required: true, message: t('common.required', { label }) });
  const text = (label: string) => [{ ...required(label), whitespace: true }];

  return (
    <Modal
      open
      title={t('training.session.new')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'session-submit', disabled: people.isPending } as ButtonProps}
      {...formSheet(isMobile, 680, 'session-modal')}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'internal', exam_kind: 'exam', validity_months: DEFAULT_VALIDITY }} onFinish={(v) => void submit(v)}>
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item name="title" label={t('training.session.title')} rules={text(t('training.session.title'))}>
              <Input maxLength={LIMITS.short} data-testid="session-title" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="held_on" label={t('training.session.heldOn')} rules={[required(t('training.session.heldOn'))]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} data-testid="session-held-on" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="plan_id" label={t('training.session.plan')}>
              <Select
                allowClear
                placeholder={t('training.plan.none')}
                loading={outletPlans.isPending}
                options={plans.map((p) => ({ value: p.id, label: p.outlet === NETWORK_SCOPE ? t('common.aside', { text: p.objective, aside: t('training.network') }) : p.objective }))}
                data-testid="session-plan"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="place" label={t('training.place')} rules={text(t('training.place'))}>
              <Input maxLength={LIMITS.short} data-testid="session-place" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="trainer" label={t('training.trainer')} rules={text(t('training.trainer'))}>
              <Input maxLength={LIMITS.short} data-testid="session-trainer" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="kind" label={t('training.session.kind')} rules={[required(t('training.session.kind'))]}>
              <Select options={SESSION_KINDS.map((k) => ({ value: k, label: name(GROUPS.sessionKind, k) }))} data-testid="session-kind" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="exam_kind" label={t('training.session.examKind')} rules={[required(t('training.session.examKind'))]}>
              <Select options={EXAM_KINDS.map((k) => ({ value: k, label: name(GROUPS.examKind, k) }))} data-testid="session-exam-kind" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="certificate_type" label={t('training.session.certificate')} extra={t('training.session.certificateHint')}>
              <Select
                allowClear
                placeholder={t('training.session.noCertificate')}
                loading={table.isPending}
                options={certificateTypes.map((c) => ({ value: c.code, label: lang === 'zh-CN' ? c.name_zh : c.name_en }))}
                data-testid="session-certificate"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            {certificate && (
              <Form.Item name="validity_months" label={t('training.session.validity')} rules={[{ required: true, type: 'integer', min: 1, max: 120, message: t('training.session.validity') }]}>
                <InputNumber min={1} max={120} precision={0} style={{ width: '100%' }} data-testid="session-validity" />
              </Form.Item>
            )}
          </Col>
          <Col span={24}>
            <Form.Item name="attendees" label={t('training.session.attendees')} extra={t('training.session.attendeesHint')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { label: t('training.session.attendees') }) }]}>
              <Select
                mode="multiple"
                showSearch
                optionFilterProp="label"
                loading={people.isPending}
                options={(people.data?.items ?? []).map((p) => ({ value: p.username, label: p.name }))}
                data-testid="session-attendees"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
