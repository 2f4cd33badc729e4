import { Col, Form, Input, Modal, Row } from 'antd';
import type { ButtonProps } from 'antd';
import { formSheet } from '../../../components/formSheet';
import { useI18n } from '../../../i18n';
import { useDialogSubmit } from '../../../utils/errors';
import { useIsMobile } from '../../../utils/useIsMobile';
import { useSavePlan } from './queries';
import { LIMITS, type PlanBody, type TrainingPlan } from './types';

type Values = Omit<PlanBody, 'year' | 'outlet'>;

interface Props {
  /** The plan to change; none: a new one of `year` for `outlet` (an outlet's code or NETWORK). */
  plan?: TrainingPlan;
  year: number;
  outlet: string;
  scopeName: string;
  onClose: () => void;
  onStale: () => void;
}

const FIELDS: { name: keyof Values; label: 'objective' | 'content' | 'audience' | 'time' | 'place' | 'trainer'; long?: boolean }[] = [
  { name: 'objective', label: 'objective', long: true },
  { name: 'content', label: 'content', long: true },
  { name: 'audience', label: 'audience' },
  { name: 'time', label: 'time' },
  { name: 'place', label: 'place' },
  { name: 'trainer', label: 'trainer' },
];

/** 新建 / 修改年度培训计划: objective, content, audience, time, place and trainer (a change is
 * sent with the version seen). */
export function PlanModal({ plan, year, outlet, scopeName, onClose, onStale }: Props) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const send = useDialogSubmit(form, { onClose, onStale, done: t('training.plan.saved'), stale: t('training.stale') });
  const save = useSavePlan();
  const label = (name: (typeof FIELDS)[number]['label']) =>
    name === 'place' || name === 'trainer' ? t(`training.${name}`) : t(`training.plan.${name}`);

  const submit = async (v: Values) => {
    const trimmed = Object.fromEntries(FIELDS.map((f) => [f.name, (v[f.name] ?? '').trim()])) as Values;
    const body: PlanBody = { year: plan?.year ?? year, outlet: plan?.outlet ?? outlet, ...trimmed };
    await send(() => save.mutateAsync(plan ? { id: plan.id, version: plan.version, body } : { body }));
  };

  return (
    <Modal
      open
      title={plan ? t('training.plan.editTitle') : `${t('training.plan.newTitle', { year })} · ${scopeName}`}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'plan-submit' } as ButtonProps}
      {...formSheet(isMobile, 640, 'plan-modal')}
    >
      <Form<Values> form={form} layout="vertical" initialValues={plan} onFinish={(v) => void submit(v)}>
        <Row gutter={12}>
          {FIELDS.map((f) => (
            <Col key={f.name} xs={24} sm={f.long ? 24 : 12}>
              <Form.Item name={f.name} label={label(f.label)} extra={f.name === 'time' ? t('training.plan.timeHint') : undefined} rules={[{ required: true, whitespace: true, message: t('common.required', { label: label(f.label) }) }]}>
                {f.long ? (
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={LIMITS.long} data-testid={`plan-${f.name}`} />
                ) : (
                  <Input maxLength={LIMITS.short} data-testid={`plan-${f.name}`} />
                )}
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}
