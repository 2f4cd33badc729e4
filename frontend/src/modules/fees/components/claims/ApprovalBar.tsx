import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { ApiError } from '../../../../api/client';
import { formSheet } from '../../../../components/formSheet';
import { useI18n } from '../../../../i18n';
import { isStaleVersion, useFormErrorHandler } from '../../../../utils/errors';
import { formatFen } from '../../../../utils/money';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { useDecideClaim } from '../../queries';
import { CLAIM_LIMITS, type Claim, type ClaimDecision } from '../../types';
import { refusalOf, type BudgetRefusal } from './BudgetNote';

type Decision = ClaimDecision['decision'];

interface Props {
  claim: Claim;
  /** The claim changed first (stale version, another step): the page reads it again. */
  onStale: () => void;
  /** Head office's approval refused by the budget: the page says what remains. */
  onRefused: (refusal: BudgetRefusal) => void;
}

/** The approve label of the step the claim waits for (`waits_for`, not its state: a manager's own
 * claim is submitted and waits for head office): 审核通过 (the manager's), 批准 (head office's). */
const approveKey = (claim: Claim) => (claim.waits_for === 'manager' ? 'claims.managerApprove' : 'claims.officeApprove');

function DecideModal({ claim, decision, onClose, onStale, onRefused }: Props & { decision: Decision; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<{ note?: string }>();
  const decide = useDecideClaim(claim.id);
  const handleError = useFormErrorHandler();
  // the claim as the dialog opened: its version is the one decided on
  const [seen] = useState(claim);
  const action = decision === 'approve' ? t(approveKey(seen)) : t('claims.reject');

  const submit = async ({ note }: { note?: string }) => {
    try {
      await decide.mutateAsync({ decision, version: seen.version, ...(note?.trim() && { note: note.trim() }) });
      void message.success(t(decision === 'approve' ? 'claims.decidedApprove' : 'claims.decidedReject'));
      onClose();
    } catch (err) {
      const refusal = refusalOf(err);
      if (refusal) {
        onRefused(refusal);
        onStale(); // what remains and the claim as it is now
        onClose();
        return;
      }
      if (isStaleVersion(err) || (err instanceof ApiError && err.status === 409 && err.code === 'claim_wrong_step')) {
        void message.warning(isStaleVersion(err) ? t('claims.stale') : t('claims.wrongStep'));
        onStale();
        onClose();
        return;
      }
      if (err instanceof ApiError && err.status === 409 && err.code === 'budget_busy') {
        void message.warning(t('claims.busy'));
        return;
      }
      handleError(form, err);
    }
  };

  return (
    <Modal
      open
      title={t('claims.approveTitle', { action, number: seen.number })}
      okText={action}
      okButtonProps={{ 'data-testid': 'claim-decide-submit', danger: decision === 'reject' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={decide.isPending}
      {...formSheet(isMobile, 480, 'claim-decide-form')}
    >
      <Typography.Paragraph>
        {seen.claimant_name} · {t('claims.total')} {formatFen(seen.total_fen)}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="note"
          label={decision === 'reject' ? t('claims.rejectNote') : t('claims.decideNote')}
          rules={decision === 'reject' ? [{ required: true, whitespace: true, message: t('common.required', { label: t('claims.rejectNote') }) }] : []}
        >
          <Input.TextArea data-testid="claim-decide-note" rows={3} maxLength={CLAIM_LIMITS.note} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The decision on a claim at the step it waits for (`waits_for`): 审核通过 / 驳回 for the manager,
 * 批准 / 驳回 for head office (a manager-approved claim, or a manager's own submitted one); the
 * server says who may (`may.decide`). A rejection needs its reason. On a phone the bar stays at
 * the bottom (the page puts it after the claim).
 */
export function ApprovalBar({ claim, onStale, onRefused }: Props) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const step = claim.waits_for;
  if (!claim.may.decide || !step) return null;
  return (
    <Card
      size="small"
      style={isMobile ? { position: 'sticky', bottom: 0, zIndex: 5, boxShadow: '0 -2px 8px rgba(0,0,0,0.06)' } : { marginBottom: 12 }}
      data-testid="claim-approval-bar"
      data-step={step}
    >
      <Flex gap={8} justify="space-between" align="center" wrap>
        <Typography.Text strong data-testid="claim-approval-step">
          {t('claims.yourStep', { step: t(`claims.step.${step}`) })}
        </Typography.Text>
        <Flex gap={8} wrap style={isMobile ? { width: '100%' } : undefined}>
          <Button danger icon={<CloseOutlined />} onClick={() => setDeciding('reject')} data-testid="claim-reject" style={isMobile ? { flex: 1 } : undefined}>
            {t('claims.reject')}
          </Button>
          <Button type="primary" icon={<CheckOutlined />} onClick={() => setDeciding('approve')} data-testid="claim-approve" style={isMobile ? { flex: 1 } : undefined}>
            {t(approveKey(claim))}
          </Button>
        </Flex>
      </Flex>
      {deciding && <DecideModal claim={claim} decision={deciding} onClose={() => setDeciding(null)} onStale={onStale} onRefused={onRefused} />}
    </Card>
  );
}
