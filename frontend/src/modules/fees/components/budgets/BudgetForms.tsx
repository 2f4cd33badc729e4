import { useState } from 'react';
import { Alert, App, Button, Col, Form, Input, Modal, Row, Select, Switch, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { ApiError } from '../../../../api/client';
import { formSheet } from '../../../../components/formSheet';
import { YuanInput, yuanRules } from '../../../../components/YuanInput';
import { useI18n } from '../../../../i18n';
import { useDialogSubmit, useFormErrorHandler } from '../../../../utils/errors';
import { fenToYuan, formatFen, yuanToFen } from '../../../../utils/money';
import { useIdempotencyKey } from '../../../../utils/idempotency';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { useBookSpend, useDecideBudgetRequest, useFileBudgetRequest, useSetBudget } from '../../queries';
import { BUDGET_CATEGORIES, LIMITS, type Budget, type BudgetCategory, type BudgetRequest } from '../../types';

interface Place {
  outlet: string;
  year: string;
}

/** The category picker of the budget forms, in the vocabulary's order. */
function CategorySelect({ testId, ...rest }: { testId: string; value?: BudgetCategory; onChange?: (c: BudgetCategory) => void }) {
  const { te } = useI18n();
  return <Select data-testid={testId} options={BUDGET_CATEGORIES.map((c) => ({ value: c, label: te('budget_category', c) }))} {...rest} />;
}

interface LimitValues {
  stop: boolean;
  limits: Record<BudgetCategory, string>;
}

/**
 * 设定预算 (head office): each category's limit in 元 and the stop flag ("超支即停": a spend that
 * would exceed is refused until a 费用增加申请 is approved), on the version of the budget as it
 * was when the dialog opened (its values and version frozen together: a read meanwhile changes
 * neither, so someone else's change is refused as stale, never overwritten).
 */
export function SetBudgetModal({ outlet, year, budget, outletName, onClose, onStale }: Place & { budget: Budget | null; outletName: string; onClose: () => void; onStale: () => void }) {
  const { t, te } = useI18n();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<LimitValues>();
  const save = useSetBudget(outlet, year);
  const send = useDialogSubmit(form, { onClose, onStale, done: t('budget.saved'), stale: t('budget.stale') });
  const [seen] = useState(budget);
  const [initial] = useState<LimitValues>(() => ({
    stop: seen?.stop ?? false,
    limits: Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, fenToYuan(seen?.categories[c]?.limit_fen ?? 0)])) as Record<BudgetCategory, string>,
  }));
  const submit = (v: LimitValues) =>
    send(() =>
      save.mutateAsync({
        version: seen?.version ?? 0,
        stop: v.stop,
        categories: Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, { limit_fen: yuanToFen(v.limits[c]) ?? 0 }])),
      }),
    );
  return (
    <Modal
      open
      title={t('budget.setTitle', { outlet: outletName, year })}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'budget-set-submit' } as ButtonProps}
      {...formSheet(isMobile, 560, 'budget-set-form')}
    >
      <Form<LimitValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Row gutter={12}>
          {BUDGET_CATEGORIES.map((c) => (
            <Col key={c} xs={24} sm={12}>
              <Form.Item name={['limits', c]} label={te('budget_category', c)} rules={yuanRules(t, { required: te('budget_category', c) })}>
                <YuanInput data-testid={`budget-limit-${c}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="stop" label={t('budget.stop')} valuePropName="checked" extra={t('budget.stopHint')} style={{ marginBottom: 0 }}>
          <Switch data-testid="budget-stop" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RequestValues {
  category: BudgetCategory;
  amount: string;
  reason: string;
}

/** 费用增加申请 (a manager): the category, the amount to add in 元 and why. */
export function BudgetRequestModal({ outlet, year, category, onClose }: Place & { category?: BudgetCategory; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<RequestValues>();
  const file = useFileBudgetRequest(outlet, year);
  const handleError = useFormErrorHandler();
  // one key per request: a resent submit files it once; a refusal is final for its key
  const { key: idempotencyKey, settle: settleKey } = useIdempotencyKey();
  const submit = async (v: RequestValues) => {
    try {
      await file.mutateAsync({ body: { category: v.category, amount_fen: yuanToFen(v.amount) ?? 0, reason: v.reason.trim() }, idempotencyKey });
      void message.success(t('budget.requestFiled'));
      onClose();
    } catch (err) {
      settleKey(err);
      handleError(form, err);
    }
  };
  return (
    <Modal
      open
      title={t('budget.requestTitle', { year })}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={file.isPending}
      okButtonProps={{ 'data-testid': 'budget-request-submit' } as ButtonProps}
      {...formSheet(isMobile, 480, 'budget-request-form')}
    >
      <Form<RequestValues> form={form} layout="vertical" initialValues={{ category }} onFinish={(v) => void submit(v)}>
        <Form.Item name="category" label={t('budget.category')} rules={[{ required: true, message: t('common.required', { label: t('budget.category') }) }]}>
          <CategorySelect testId="budget-request-category" />
        </Form.Item>
        <Form.Item name="amount" label={t('budget.requestAmount')} rules={yuanRules(t, { required: t('budget.requestAmount'), min: 1 })}>
          <YuanInput data-testid="budget-request-amount" />
        </Form.Item>
        <Form.Item name="reason" label={t('budget.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('budget.reason') }) }]}>
          <Input.TextArea data-testid="budget-request-reason" rows={3} maxLength={LIMITS.reason} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Head office decides a 费用增加申请 (approving raises the category by its amount). */
export function DecideRequestModal({ outlet, year, request, decision, onClose, onStale }: Place & { request: BudgetRequest; decision: 'approve' | 'reject'; onClose: () => void; onStale: () => void }) {
  const { t, te } = useI18n();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<{ note?: string }>();
  const decide = useDecideBudgetRequest(outlet, year);
  const send = useDialogSubmit(form, { onClose, onStale, done: t(decision === 'approve' ? 'budget.approvedDone' : 'budget.rejectedDone'), stale: t('budget.stale') });
  const submit = (v: { note?: string }) =>
    send(() => decide.mutateAsync({ id: request.id, body: { decision, version: request.version, ...(v.note?.trim() && { note: v.note.trim() }) } }));
  return (
    <Modal
      open
      title={t(decision === 'approve' ? 'budget.approveTitle' : 'budget.rejectTitle')}
      okText={t(decision === 'approve' ? 'budget.approve' : 'budget.reject')}
      okButtonProps={{ 'data-testid': 'budget-decide-submit', danger: decision === 'reject' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={decide.isPending}
      {...formSheet(isMobile, 480, 'budget-decide-form')}
    >
      <Typography.Paragraph>
        {t('budget.requestLine', { category: te('budget_category', request.category), amount: formatFen(request.amount_fen) })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{request.reason}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="note"
          label={t('budget.note')}
          rules={decision === 'reject' ? [{ required: true, whitespace: true, message: t('common.required', { label: t('budget.note') }) }] : []}
        >
          <Input.TextArea data-testid="budget-decide-note" rows={2} maxLength={LIMITS.note} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface SpendValues {
  category: BudgetCategory;
  amount: string;
  note?: string;
}

/** A 409 budget_exceeded: the category and what remains of it (the server's figures). */
export interface Refusal {
  category: BudgetCategory | null;
  remaining_fen: number | null;
  message: string;
}

/**
 * 登记支出: a spend booked against the budget by hand (the claims of travel expenses will be
 * the main source). With "stop" set, a spend that would exceed is refused: the refusal says
 * what remains, and the manager may file a 费用增加申请 for the category from there.
 */
export function SpendForm({ outlet, year, onRequest }: Place & { onRequest?: (category: BudgetCategory) => void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SpendValues>();
  const book = useBookSpend(outlet, year);
  const handleError = useFormErrorHandler();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // one key per spend: a resent click books it once; the next spend (or after a refusal) takes a new one
  const { key: idempotencyKey, renew: renewKey, settle: settleKey } = useIdempotencyKey();

  const submit = async (v: SpendValues) => {
    setRefusal(null);
    try {
      await book.mutateAsync({
        body: { category: v.category, amount_fen: yuanToFen(v.amount) ?? 0, ...(v.note?.trim() && { note: v.note.trim() }) },
        idempotencyKey,
      });
      renewKey();
      void message.success(t('budget.booked'));
      form.resetFields(['amount', 'note']);
    } catch (err) {
      settleKey(err);
      if (err instanceof ApiError && err.status === 409 && err.code === 'budget_exceeded') {
        const d = err.details;
        setRefusal({
          category: (typeof d.category === 'string' ? d.category : v.category) as BudgetCategory,
          remaining_fen: typeof d.remaining_fen === 'number' ? d.remaining_fen : null,
          message: err.message,
        });
        return;
      }
      if (err instanceof ApiError && err.status === 409 && err.code === 'budget_busy') {
        // other bookings kept the budget busy: nothing booked, the form kept to send again
        void message.warning(err.message);
        return;
      }
      handleError(form, err);
    }
  };

  return (
    <>
      <Form<SpendValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="budget-spend-form">
        <Row gutter={12}>
          <Col xs={24} sm={6}>
            <Form.Item name="category" label={t('budget.category')} rules={[{ required: true, message: t('common.required', { label: t('budget.category') }) }]}>
              <CategorySelect testId="budget-spend-category" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={6}>
            <Form.Item name="amount" label={t('budget.spendAmount')} rules={yuanRules(t, { required: t('budget.spendAmount'), min: 1 })}>
              <YuanInput data-testid="budget-spend-amount" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="note" label={t('budget.note')}>
              <Input data-testid="budget-spend-note" maxLength={LIMITS.note} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={4}>
            <Form.Item label=" " colon={false}>
              <Button type="primary" htmlType="submit" loading={book.isPending} data-testid="budget-spend-submit" block>
                {t('budget.book')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {refusal && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setRefusal(null)}
          data-testid="budget-exceeded"
          message={t('budget.exceeded', {
            category: refusal.category ? te('budget_category', refusal.category) : '',
            remaining: formatFen(refusal.remaining_fen),
          })}
          description={refusal.message}
          action={
            onRequest && refusal.category ? (
              <Button size="small" onClick={() => onRequest(refusal.category!)} data-testid="budget-exceeded-request">
                {t('budget.fileRequest')}
              </Button>
            ) : undefined
          }
        />
      )}
    </>
  );
}
