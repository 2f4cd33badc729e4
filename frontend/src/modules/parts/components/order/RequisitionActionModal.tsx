import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { ApiError } from '../../../../api/client';
import { useI18n } from '../../../../i18n';
import { useErrorText, useFormErrorHandler } from '../../../../utils/errors';
import { formatFen } from '../../../../utils/money';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { VOCABULARY } from '../../../../api/vocabulary';
import { useRequisitionAction } from '../../queries';
import type { Requisition, RequisitionAction, RequisitionActionBody, RequisitionLine, ReturnCondition } from '../../types';
import { approvalReasonsText, issuable, returnable } from './orderParts';
import { ScanInput } from './ScanInput';
import { formSheet } from '../../../../components/formSheet';

interface Props {
  requisition: Requisition;
  action: RequisitionAction;
  onClose: () => void;
}

type Counts = Record<string, number>;
const CONDITIONS = Object.keys(VOCABULARY.return_condition) as ReturnCondition[];

/**
 * The form of one requisition action, taken at the version the user saw: approve (a note),
 * reject (a reason), issue (scan or type each code with its quantity), confirm receipt, return
 * (unused back to stock, faulty to the defective bin) or cancel. Full width on phones.
 */
export function RequisitionActionModal({ requisition, action, onClose }: Props) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const errorText = useErrorText();
  const handleError = useFormErrorHandler();
  const [form] = Form.useForm<{ note?: string; reason?: string }>();
  const { mutateAsync, isPending } = useRequisitionAction();
  const [issue, setIssue] = useState<Counts>({});
  const [unused, setUnused] = useState<Counts>({});
  const [faulty, setFaulty] = useState<Counts>({});
  const [condition, setCondition] = useState<ReturnCondition>('unused');
  const [problem, setProblem] = useState<string | null>(null);
  const byCode = new Map(requisition.lines.map((l) => [l.code, l]));

  const linesOf = (counts: Counts, cond?: ReturnCondition) =>
    Object.entries(counts)
      .filter(([, q]) => q > 0)
      .map(([code, quantity]) => (cond ? { code, quantity, condition: cond } : { code, quantity }));

  const body = async (): Promise<RequisitionActionBody | null> => {
    const values = await form.validateFields();
    switch (action) {
      case 'approve':
        return values.note?.trim() ? { note: values.note.trim() } : {};
      case 'reject':
        return { reason: (values.reason ?? '').trim() };
      case 'issue': {
        const lines = linesOf(issue);
        if (lines.length === 0) {
          setProblem(t('partReq.nothingToIssue'));
          return null;
        }
        return { lines };
      }
      case 'return': {
        const lines = [...linesOf(unused, 'unused'), ...linesOf(faulty, 'faulty')];
        if (lines.length === 0) {
          setProblem(t('partReq.nothingToReturn'));
          return null;
        }
        return { lines };
      }
      default:
        return {};
    }
  };

  const submit = async () => {
    let data: RequisitionActionBody | null;
    try {
      data = await body();
    } catch {
      return; // the form shows what is missing
    }
    if (!data) return;
    setProblem(null);
    try {
      await mutateAsync({ orderId: requisition.order_id, id: requisition.id, action, body: { ...data, version: requisition.version } });
      void message.success(t('partReq.done', { action: te('requisition_action', action) }));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stale_version') {
        void message.warning(t('partReq.stale'));
        onClose();
        return;
      }
      if (err instanceof ApiError && err.status === 400 && Object.keys(err.fields).some((f) => f === 'reason' || f === 'note')) {
        handleError(form, err);
        return;
      }
      // insufficient stock, a used part, not yet approved, own requisition…: said on the form
      setProblem(errorText(err));
      if (err instanceof ApiError && err.status === 403) onClose();
    }
  };

  /** Adds a scanned or typed code to the counts, within what the line allows. */
  const adder = (counts: Counts, set: (c: Counts) => void, limit: (l: RequisitionLine) => number, others: Counts = {}) => (code: string, quantity: number) => {
    const line = byCode.get(code);
    if (!line) return t('partReq.notInRequisition', { code });
    const room = limit(line) - (counts[code] ?? 0) - (others[code] ?? 0);
    if (room <= 0) return t('partReq.nothingLeft', { code });
    set({ ...counts, [code]: (counts[code] ?? 0) + Math.min(room, quantity) });
    return quantity > room ? t('partReq.capped', { code, quantity: room }) : null;
  };

  const lineTitle = (l: RequisitionLine) => (
    <span>
      <Typography.Text strong>{l.code}</Typography.Text> {l.name}
    </span>
  );

  const quantityInput = (counts: Counts, set: (c: Counts) => void, code: string, max: number, testId: string) => (
    <InputNumber
      min={0}
      max={max}
      precision={0}
      value={counts[code] ?? 0}
      onChange={(v) => set({ ...counts, [code]: Math.max(0, Math.min(max, v ?? 0)) })}
      style={{ width: 80 }}
      data-testid={testId}
    />
  );

  const issueForm = (
    <>
      <ScanInput testId="issue-scan" onAdd={adder(issue, setIssue, issuable)} />
      {requisition.lines.filter((l) => issuable(l) > 0).map((l) => (
        <div key={l.code} data-testid={`issue-line-${l.code}`} style={ROW}>
          <div style={{ flex: '1 1 160px', minWidth: 0 }}>
            {lineTitle(l)}
            <div>
              <Typography.Text type="secondary">{t('partReq.toIssue', { quantity: issuable(l), unit: l.unit ?? '' })}</Typography.Text>
            </div>
          </div>
          {quantityInput(issue, setIssue, l.code, issuable(l), `issue-quantity-${l.code}`)}
        </div>
      ))}
      <Button
        size="small"
        onClick={() => setIssue(Object.fromEntries(requisition.lines.map((l) => [l.code, issuable(l)])))}
        data-testid="issue-all"
        style={{ marginTop: 8 }}
      >
        {t('partReq.issueAll')}
      </Button>
    </>
  );

  const returnForm = (
    <>
      <ScanInput
        testId="return-scan"
        onAdd={condition === 'unused' ? adder(unused, setUnused, returnable, faulty) : adder(faulty, setFaulty, returnable, unused)}
        extra={
          <Select<ReturnCondition>
            value={condition}
            onChange={setCondition}
            options={CONDITIONS.map((c) => ({ value: c, label: te('return_condition', c) }))}
            style={{ width: 110 }}
            data-testid="return-scan-condition"
            aria-label={t('partReq.condition')}
          />
        }
      />
      {requisition.lines.filter((l) => returnable(l) > 0).map((l) => (
        <div key={l.code} data-testid={`return-line-${l.code}`} style={ROW}>
          <div style={{ flex: '1 1 160px', minWidth: 0 }}>
            {lineTitle(l)}
            <div>
              <Typography.Text type="secondary">{t('partReq.returnable', { quantity: returnable(l), used: l.used, unit: l.unit ?? '' })}</Typography.Text>
            </div>
          </div>
          <label style={{ whiteSpace: 'nowrap' }}>
            {te('return_condition', 'unused')} {quantityInput(unused, setUnused, l.code, returnable(l) - (faulty[l.code] ?? 0), `return-unused-${l.code}`)}
          </label>
          <label style={{ whiteSpace: 'nowrap' }}>
            {te('return_condition', 'faulty')} {quantityInput(faulty, setFaulty, l.code, returnable(l) - (unused[l.code] ?? 0), `return-faulty-${l.code}`)}
          </label>
        </div>
      ))}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('partReq.returnHint')}
      </Typography.Paragraph>
    </>
  );

  return (
    <Modal
      open
      title={te('requisition_action', action)}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={isPending}
      okButtonProps={{ 'data-testid': 'req-action-submit', danger: action === 'reject' || action === 'cancel' } as ButtonProps}
      {...formSheet(isMobile, 640, `req-action-${action}`)}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {requisition.order_number} · {requisition.requested_by_name ?? requisition.requested_by}
      </Typography.Paragraph>
      {(action === 'approve' || action === 'reject' || action === 'receive' || action === 'cancel') && (
        <ul style={{ paddingInlineStart: 18, marginTop: 0 }} data-testid="req-action-lines">
          {requisition.lines.map((l) => (
            <li key={l.code}>
              {l.code} {l.name} × {action === 'receive' ? l.issued : l.quantity}
              {action === 'approve' || action === 'reject' ? <Typography.Text type="secondary"> · {formatFen(l.amount_fen)}</Typography.Text> : null}
            </li>
          ))}
        </ul>
      )}
      {action === 'approve' && requisition.approval_reasons.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('partReq.needsHeadOffice')} description={approvalReasonsText(requisition.approval_reasons, t)} />
      )}
      {action === 'issue' && issueForm}
      {action === 'return' && returnForm}
      {action === 'cancel' && <Typography.Paragraph>{t('partReq.cancelConfirm')}</Typography.Paragraph>}
      {action === 'receive' && <Typography.Paragraph>{t('partReq.receiveConfirm')}</Typography.Paragraph>}
      <Form form={form} layout="vertical">
        {action === 'approve' && (
          <Form.Item name="note" label={t('partReq.note')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="req-action-note" />
          </Form.Item>
        )}
        {action === 'reject' && (
          <Form.Item name="reason" label={t('partReq.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('partReq.reason') }) }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="req-action-reason" />
          </Form.Item>
        )}
      </Form>
      {problem && <Alert type="error" showIcon message={problem} data-testid="req-action-error" style={{ marginTop: 8 }} />}
    </Modal>
  );
}

const ROW: React.CSSProperties = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' };
