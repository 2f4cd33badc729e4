import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { ApiError } from '../../../api/client';
import { MAX_TEXT } from '../../../api/types';
import { useI18n, type MessageKey } from '../../../i18n';
import { useErrorText } from '../../../utils/errors';
import { useJobClassNames, type QualificationProblem } from '../policyQueries';

/*
 * The dispatch gate as a person meets it: a dispatch (or reassignment, or a plan's approval) to a
 * technician who lacks the stars or a valid certificate is refused (409 `skill_insufficient` /
 * `certificate_missing`, with the technician and every problem); the form says what is missing,
 * and a manager may take the action anyway with a reason (`skill_override: {reason}`), which the
 * order's timeline records.
 */

/** Actions the gate checks, and whose override this offers. */
export type GatedAction = 'dispatch' | 'reassign' | 'approve_plan';

const GATE_CODES = new Set(['skill_insufficient', 'certificate_missing']);

export interface QualificationRefusal {
  technician: string;
  problems: QualificationProblem[];
  /** The server's message (names what is missing), shown when the problems are not listed. */
  message: string;
}

/** The gate's refusal in an action's error, or null for any other error. */
export function qualificationRefusal(err: unknown): QualificationRefusal | null {
  if (!(err instanceof ApiError) || err.status !== 409 || !GATE_CODES.has(err.code)) return null;
  const problems = Array.isArray(err.details.problems) ? (err.details.problems as QualificationProblem[]) : [];
  return { technician: typeof err.details.technician === 'string' ? err.details.technician : '', problems, message: err.message };
}

/** The override button's words: 强制派工 (a dispatch or reassignment), 强制批准 (a plan). */
const overrideLabel = (action: GatedAction): MessageKey => (action === 'approve_plan' ? 'jobClasses.override.approve_plan' : 'jobClasses.override.dispatch');

function ProblemList({ refusal }: { refusal: QualificationRefusal }) {
  const names = useJobClassNames();
  if (refusal.problems.length === 0) return <Typography.Text>{refusal.message}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="qualification-problems">
      {refusal.problems.map((p, i) => (
        <li key={i} data-code={p.code}>
          {names.problem(p, true)}
        </li>
      ))}
    </ul>
  );
}

/** The refusal in the form that was refused: who lacks what, and the way to override. */
export function QualificationRefusalAlert({ refusal, name, action, onOverride }: { refusal: QualificationRefusal; name: string; action: GatedAction; onOverride: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="qualification-refusal"
      data-code={refusal.problems[0]?.code ?? ''}
      message={t('jobClasses.refused', { name })}
      description={
        <>
          <ProblemList refusal={refusal} />
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
            {t('jobClasses.refusedHint')}
          </Typography.Paragraph>
          <Button danger onClick={onOverride} data-testid="skill-override-open">
            {t(overrideLabel(action))}
          </Button>
        </>
      }
    />
  );
}

interface DialogProps {
  refusal: QualificationRefusal;
  name: string;
  action: GatedAction;
  onCancel: () => void;
  /** Sends the action again with `skill_override: {reason}`; a refusal it throws is shown here. */
  onConfirm: (reason: string) => Promise<void>;
}

/** 强制派工 / 强制批准: what is missing again, and the reason (required) the timeline records. */
export function SkillOverrideDialog({ refusal, name, action, onCancel, onConfirm }: DialogProps) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ reason: string }>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const label = t(overrideLabel(action));

  const submit = async () => {
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return; // the form says the reason is missing
    }
    setSending(true);
    setFailure(null);
    try {
      await onConfirm(reason);
    } catch (err) {
      const onReason = err instanceof ApiError ? (err.fields['data.skill_override.reason'] ?? err.fields['skill_override.reason']) : undefined;
      if (onReason) form.setFields([{ name: 'reason', errors: [onReason] }]);
      else setFailure(errorText(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      title={t('jobClasses.override.title', { action: label, name })}
      okText={t('jobClasses.override.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onCancel}
      confirmLoading={sending}
      okButtonProps={{ danger: true, 'data-testid': 'skill-override-submit' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'skill-override-cancel' } as ButtonProps}
      data-testid="skill-override-dialog"
      destroyOnHidden
    >
      <Typography.Text strong>{t('jobClasses.override.missing')}</Typography.Text>
      <div style={{ margin: '4px 0 12px' }}>
        <ProblemList refusal={refusal} />
      </div>
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          name="reason"
          label={t('jobClasses.override.reason')}
          extra={t('jobClasses.override.audit')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('jobClasses.override.reason') }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={MAX_TEXT} placeholder={t('jobClasses.override.reasonHint')} data-testid="skill-override-reason" autoFocus />
        </Form.Item>
      </Form>
      {failure && <Alert type="error" showIcon message={failure} data-testid="skill-override-error" />}
    </Modal>
  );
}
