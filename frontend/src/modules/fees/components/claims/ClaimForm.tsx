import { useMemo, useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { ApiError } from '../../../../api/client';
import { useCan } from '../../../../access';
import { useMe } from '../../../../api/session';
import { DateTimeInput } from '../../../../components/DateTimeInput';
import { YuanInput, yuanRules } from '../../../../components/YuanInput';
import { useI18n } from '../../../../i18n';
import { isStaleVersion, useFormErrorHandler } from '../../../../utils/errors';
import { useIdempotencyKey } from '../../../../utils/idempotency';
import { fenToYuan, formatFen, yuanToFen } from '../../../../utils/money';
import { DISPLAY_TZ, pickerToDate } from '../../../../utils/time';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { useClaimableOrders, useCreateClaim, useOutletManagers, useSaveClaim, useSubmitClaim } from '../../queries';
import {
  BUDGET_CATEGORIES,
  CLAIM_LIMITS,
  CLAIM_LINE_CATEGORIES,
  PRIOR_APPROVAL_MODES,
  TRANSPORT_MODES,
  type BudgetCategory,
  type Claim,
  type ClaimBody,
  type ClaimFlag,
  type ClaimLineCategory,
  type ClaimLineIn,
  type Receipt,
  type TransportMode,
} from '../../types';
import { BudgetNote, ExceededAlert, refusalOf, type BudgetRefusal } from './BudgetNote';
import { LineFlagTag, orderWindow, useClaimNames } from './ClaimTags';
import { ReceiptsField } from './ReceiptUpload';

interface PriorApprovalValue {
  by?: string;
  note?: string;
}

/** A line as the form holds it: the date picked, the amount typed in 元; the flags as the server
 * last read the line (shown, never sent). */
interface LineValues {
  date?: Dayjs;
  from?: string;
  to?: string;
  category?: ClaimLineCategory;
  amount_fen?: string;
  mode?: TransportMode;
  prior_approval?: PriorApprovalValue;
  note?: string;
  receipts: string[];
  flags?: ClaimFlag[];
}

/** The form's values, named as the API names them (its 400 field errors land on their fields). */
interface Values {
  reason?: string;
  departed_on?: Dayjs;
  returned_on?: Dayjs;
  budget_category?: BudgetCategory;
  orders: string[];
  advance_fen?: string;
  lines: LineValues[];
}

const todayIn = (zone: string) => dayjs(dayjs().tz(zone).format('YYYY-MM-DD'));
const text = (s: string | undefined) => s?.trim() ?? '';

function fromClaim(claim: Claim): Values {
  return {
    reason: claim.reason,
    departed_on: dayjs(claim.departed_on),
    returned_on: dayjs(claim.returned_on),
    budget_category: claim.budget_category,
    orders: claim.orders.map((o) => o.id),
    advance_fen: fenToYuan(claim.advance_fen),
    lines: claim.lines.map((l) => ({
      date: dayjs(l.date),
      from: l.from,
      to: l.to,
      category: l.category,
      amount_fen: fenToYuan(l.amount_fen),
      mode: l.mode ?? undefined,
      prior_approval: l.prior_approval ? { by: l.prior_approval.by, note: l.prior_approval.note ?? undefined } : undefined,
      note: l.note ?? undefined,
      receipts: l.receipts.map((r) => r.id),
      flags: l.flags,
    })),
  };
}

const NEW_CLAIM: Values = { orders: [], advance_fen: '0', lines: [{ category: 'transport', receipts: [] }] };

/** The body as the API takes it (the server checks every field and computes every amount). */
function toBody(v: Values): ClaimBody {
  return {
    reason: text(v.reason),
    departed_on: v.departed_on ? pickerToDate(v.departed_on) : '',
    returned_on: v.returned_on ? pickerToDate(v.returned_on) : '',
    budget_category: v.budget_category as BudgetCategory,
    orders: v.orders ?? [],
    advance_fen: v.advance_fen?.trim() ? (yuanToFen(v.advance_fen) ?? 0) : 0,
    lines: (v.lines ?? []).map((l): ClaimLineIn => {
      const transport = l.category === 'transport';
      const approval = transport && l.mode && PRIOR_APPROVAL_MODES.includes(l.mode) && l.prior_approval?.by;
      return {
        date: l.date ? pickerToDate(l.date) : '',
        from: text(l.from),
        to: text(l.to),
        category: l.category as ClaimLineCategory,
        amount_fen: yuanToFen(l.amount_fen ?? '') ?? 0,
        ...(transport && l.mode && { mode: l.mode }),
        ...(approval && { prior_approval: { by: l.prior_approval!.by!, ...(text(l.prior_approval!.note) && { note: text(l.prior_approval!.note) }) } }),
        ...(text(l.note) && { note: text(l.note) }),
        receipts: l.receipts ?? [],
      };
    }),
  };
}

/** The server's field paths as the form names them: `orders.2` is the orders field, deeper
 * paths of a line's prior approval or receipts are that line's field. */
function onFormFields(err: unknown): unknown {
  if (!(err instanceof ApiError) || Object.keys(err.fields).length === 0) return err;
  const fields: Record<string, string> = {};
  for (const [path, msg] of Object.entries(err.fields)) {
    const placed = path.replace(/^orders\.\d+$/, 'orders').replace(/^(lines\.\d+\.(?:prior_approval|receipts))\..*$/, '$1');
    fields[placed] = fields[placed] ? `${fields[placed]}; ${msg}` : msg;
  }
  return new ApiError(err.status, err.code, err.message, fields, err.current, err.requestId, err.details);
}

/** Who approved a taxi or a freight beforehand (a manager of the outlet) and what they approved. */
function PriorApprovalInput({ value, onChange, id, index }: { value?: PriorApprovalValue; onChange?: (v: PriorApprovalValue) => void; id?: string; index: number }) {
  const { t } = useI18n();
  const me = useMe();
  const managers = useOutletManagers(true);
  // a manager does not agree to their own taxi (the server refuses it): the others of the outlet
  const others = (managers.data ?? []).filter((s) => s.username !== me.username);
  return (
    <Row gutter={8} id={id}>
      <Col xs={24} sm={10}>
        <Select
          allowClear
          showSearch
          optionFilterProp="search"
          loading={managers.isPending}
          value={value?.by}
          onChange={(by: string | undefined) => onChange?.({ ...value, by })}
          placeholder={t('claims.priorApprovalBy')}
          aria-label={t('claims.priorApprovalBy')}
          data-testid={`claim-prior-by-${index}`}
          style={{ width: '100%', marginBottom: 4 }}
          options={others.map((s) => ({ value: s.username, label: s.name, search: `${s.name} ${s.username}` }))}
        />
      </Col>
      <Col xs={24} sm={14}>
        <Input
          value={value?.note}
          onChange={(e) => onChange?.({ ...value, note: e.target.value })}
          placeholder={t('claims.priorApprovalNote')}
          aria-label={t('claims.priorApprovalNote')}
          maxLength={CLAIM_LIMITS.note}
          data-testid={`claim-prior-note-${index}`}
        />
      </Col>
    </Row>
  );
}

interface LineProps {
  form: FormInstance<Values>;
  name: number;
  index: number;
  claimId?: string;
  known: Record<string, Receipt>;
  /** The claim's verified receipts no line names: any line may take them. */
  spare: Receipt[];
  onUploaded: (r: Receipt) => void;
  onRemove?: () => void;
}

/** One expense: date, from → to, category (and the transport's mode, with the prior approval a
 * taxi or a freight needs), amount, note, the receipts; the server's flags as last read. */
function LineFields({ form, name, index, claimId, known, spare, onUploaded, onRemove }: LineProps) {
  const { t } = useI18n();
  const names = useClaimNames();
  const category = Form.useWatch(['lines', name, 'category'], form);
  const mode = Form.useWatch(['lines', name, 'mode'], form);
  const flags = (Form.useWatch(['lines', name, 'flags'], form) as ClaimFlag[] | undefined) ?? [];
  const transport = category === 'transport';
  const needsApproval = transport && mode !== undefined && PRIOR_APPROVAL_MODES.includes(mode);
  const required = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { label }) });

  return (
    <div
      data-testid={`claim-line-${index}`}
      data-flags={flags.join(' ')}
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 10px 0', marginBottom: 12, background: flags.length > 0 ? '#fffbe6' : undefined }}
    >
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 6 }}>
        <Typography.Text strong>{t('claims.line', { n: index + 1 })}</Typography.Text>
        {onRemove && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('claims.removeLine')} data-testid={`claim-remove-${index}`} />}
      </Flex>
      {flags.length > 0 && (
        <Flex gap={6} wrap style={{ marginBottom: 6 }}>
          {flags.map((f) => (
            <LineFlagTag key={f} flag={f} />
          ))}
        </Flex>
      )}
      <Form.Item name={[name, 'flags']} hidden>
        <Input />
      </Form.Item>
      <Row gutter={8}>
        <Col xs={12} sm={6}>
          <Form.Item
            name={[name, 'date']}
            label={t('claims.date')}
            dependencies={['departed_on', 'returned_on']}
            rules={[
              { required: true, message: t('common.required', { label: t('claims.date') }) },
              ({ getFieldValue }) => ({
                validator: async (_, day: Dayjs | null | undefined) => {
                  const from = getFieldValue('departed_on') as Dayjs | undefined;
                  const to = getFieldValue('returned_on') as Dayjs | undefined;
                  if (day && from && to && (day.isBefore(from, 'day') || day.isAfter(to, 'day')))
                    throw new Error(t('claims.outsideTrip', { from: pickerToDate(from), to: pickerToDate(to) }));
                },
              }),
            ]}
          >
            <DateTimeInput withTime={false} data-testid={`claim-date-${index}`} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name={[name, 'category']} label={t('claims.category')} rules={[{ required: true, message: t('common.required', { label: t('claims.category') }) }]}>
            <Select data-testid={`claim-category-${index}`} options={CLAIM_LINE_CATEGORIES.map((c) => ({ value: c, label: names.category(c) }))} />
          </Form.Item>
        </Col>
        {/* the columns keep their places at a desk whatever the category (a phone stacks them) */}
        {!transport && <Col xs={0} sm={6} />}
        {transport && (
          <Col xs={12} sm={6}>
            <Form.Item name={[name, 'mode']} label={t('claims.mode')} rules={[{ required: true, message: t('common.required', { label: t('claims.mode') }) }]}>
              <Select data-testid={`claim-mode-${index}`} options={TRANSPORT_MODES.map((m) => ({ value: m, label: names.mode(m) }))} />
            </Form.Item>
          </Col>
        )}
        <Col xs={12} sm={6}>
          <Form.Item name={[name, 'amount_fen']} label={t('claims.amount')} rules={yuanRules(t, { required: t('claims.amount'), min: 1 })}>
            <YuanInput data-testid={`claim-amount-${index}`} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name={[name, 'from']} label={t('claims.from')} rules={[required(t('claims.from'))]}>
            <Input data-testid={`claim-from-${index}`} maxLength={CLAIM_LIMITS.place} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name={[name, 'to']} label={t('claims.to')} rules={[required(t('claims.to'))]}>
            <Input data-testid={`claim-to-${index}`} maxLength={CLAIM_LIMITS.place} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={[name, 'note']} label={t('claims.note')}>
            <Input data-testid={`claim-note-${index}`} maxLength={CLAIM_LIMITS.note} />
          </Form.Item>
        </Col>
      </Row>
      {needsApproval && (
        <Form.Item
          name={[name, 'prior_approval']}
          label={t('claims.priorApproval')}
          extra={t('claims.priorApprovalHint')}
          rules={[{ validator: async (_, v: PriorApprovalValue | undefined) => (v?.by ? undefined : Promise.reject(new Error(t('claims.priorApprovalRequired')))) }]}
        >
          <PriorApprovalInput index={index} />
        </Form.Item>
      )}
      {/* a rule of its own: a receipt added validates the field again (the server's "needs a receipt" goes) */}
      <Form.Item
        name={[name, 'receipts']}
        label={t('claims.receipts')}
        extra={category === 'allowance' ? undefined : t('claims.receiptRequired')}
        rules={[{ type: 'array', max: CLAIM_LIMITS.lineReceipts }]}
      >
        <ReceiptsField claimId={claimId} known={known} spare={spare} onUploaded={onUploaded} testId={`claim-receipts-${index}`} />
      </Form.Item>
    </div>
  );
}

/** The live totals of the lines as typed (display only: the server computes the claim's). */
function LiveTotals({ form }: { form: FormInstance<Values> }) {
  const { t } = useI18n();
  const names = useClaimNames();
  const lines = (Form.useWatch('lines', form) as LineValues[] | undefined) ?? [];
  const advanceText = Form.useWatch('advance_fen', form) as string | undefined;
  const byCategory = new Map<ClaimLineCategory, number>();
  let total = 0;
  for (const line of lines) {
    const fen = line?.amount_fen ? yuanToFen(line.amount_fen) : null;
    if (fen === null || !line.category) continue;
    total += fen;
    byCategory.set(line.category, (byCategory.get(line.category) ?? 0) + fen);
  }
  const advance = advanceText?.trim() ? (yuanToFen(advanceText) ?? 0) : 0;
  const net = total - advance;
  return (
    <div data-testid="claim-live-totals">
      <Flex gap={12} wrap style={{ fontSize: 13 }}>
        {CLAIM_LINE_CATEGORIES.filter((c) => byCategory.has(c)).map((c) => (
          <Typography.Text key={c} type="secondary" data-testid={`claim-live-${c}`}>
            {t('claims.byCategory', { category: names.category(c), amount: formatFen(byCategory.get(c)) })}
          </Typography.Text>
        ))}
      </Flex>
      <Flex gap={12} wrap align="baseline">
        <Typography.Text strong>
          {t('claims.total')} <span data-testid="claim-live-total">{formatFen(total)}</span>
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('claims.advanceShown')} {formatFen(advance)}
        </Typography.Text>
        <Typography.Text strong type={net < 0 ? 'warning' : undefined} data-testid="claim-live-net">
          {net < 0 ? t('claims.netReturn', { amount: formatFen(-net) }) : t('claims.netPay', { amount: formatFen(net) })}
        </Typography.Text>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('claims.liveHint')}
      </Typography.Text>
    </div>
  );
}

interface Props {
  /** The claim as it was when the form opened (its values and version go together); none: a new one. */
  claim?: Claim;
  /** The claim as last read (its receipts' fresh links, the budget now): never the form's values. */
  latest?: Claim;
  /** A new claim was filed (a draft): its page takes over (receipts go to it). */
  onCreated?: (claim: Claim) => void;
  /** Someone changed it first, or it is no longer a draft: the page reads it again and answers
   * it as it is now (a claim no longer a draft is shown as read, not as the form). */
  onReread?: () => Promise<Claim | undefined>;
}

/** The field in error highest on the page (a field shown later, a taxi's prior approval say,
 * registers after the lines below it: the order of the page, not of the fields). Ids as
 * Form.Item gives them to an unnamed form: the name path joined by `_`. */
function firstError(form: FormInstance<Values>) {
  const failing = form.getFieldsError().filter((f) => f.errors.length > 0);
  const placed = failing.map((f) => ({ name: f.name, node: document.getElementById(f.name.join('_')) }));
  const above = (a: Node, b: Node) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  let first = placed[0];
  for (const p of placed) if (p.node && (!first?.node || above(p.node, first.node))) first = p;
  return first?.name;
}

/**
 * 差旅费报销单 on the claimant's phone first: the trip (事由, dates, the budget category, the
 * linked orders, 借款), its expenses (date, from → to, category and transport, amount, note,
 * the prior approval a taxi or a freight needs, receipts per line) with live totals, the
 * remaining budget of the category and the filing deadline. 保存草稿 files or saves the draft
 * (receipts go to a saved claim); 提交审核 saves it and submits it. The server's 400 field errors
 * land on their fields (the first scrolled to, as the form's own checks are); a 409
 * budget_exceeded says what remains. Changed meanwhile (409 stale_version): the values typed
 * stay, on the version read again, to be checked and sent again.
 */
export function ClaimForm({ claim, latest, onCreated, onReread }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const handleError = useFormErrorHandler();
  const create = useCreateClaim();
  const save = useSaveClaim(claim?.id ?? '');
  const submitting = useSubmitClaim(claim?.id ?? '');
  const idempotency = useIdempotencyKey();
  // the version the form's values go with: the claim as it opened, then the form's own saves
  const [seen, setSeen] = useState<Claim | undefined>(claim);
  const [uploaded, setUploaded] = useState<Record<string, Receipt>>({});
  const [refusal, setRefusal] = useState<BudgetRefusal | null>(null);
  const [initial] = useState<Values>(() => (claim ? fromClaim(claim) : NEW_CLAIM));
  const orders = useClaimableOrders(can('orders.my_jobs'));
  const busy = create.isPending || save.isPending || submitting.isPending;
  const today = todayIn(DISPLAY_TZ);

  // every receipt known by id; the latest read last (a link lives minutes: the freshest wins)
  const known = useMemo(() => {
    const all: Record<string, Receipt> = {};
    const add = (c: Claim | undefined) => {
      for (const r of c?.receipts ?? []) all[r.id] = r;
      for (const l of c?.lines ?? []) for (const r of l.receipts) all[r.id] = r;
    };
    add(seen);
    Object.assign(all, uploaded);
    if (latest && latest.id === seen?.id) add(latest);
    return all;
  }, [seen, uploaded, latest]);
  // the budget and the deadline as read last (they move with other claims and spends)
  const shown = latest && latest.id === seen?.id ? latest : seen;
  // the receipts the lines name now (re-rendered when these change, not on every keystroke)
  const named = Form.useWatch((v: Values) => (v.lines ?? []).flatMap((l) => l?.receipts ?? []), form);
  // the claim's verified receipts no line names: an upload whose line was never saved (the
  // page left, a conflict), or one taken off its line: any line may take it back
  const spare = useMemo(() => {
    const taken = new Set(named ?? []);
    return Object.values(known).filter((r) => r.status === 'verified' && !taken.has(r.id));
  }, [known, named]);

  const orderOptions = useMemo(() => {
    const options = new Map<string, string>();
    for (const o of seen?.orders ?? []) options.set(o.id, o.number);
    for (const o of orders.data ?? []) options.set(o.id, `${o.number} · ${o.customer_name}`);
    return [...options].map(([value, label]) => ({ value, label }));
  }, [seen, orders.data]);

  /** Files or saves the draft; answers the claim as the server has it now. */
  const store = async (values: Values): Promise<Claim> => {
    const body = toBody(values);
    if (!seen) {
      const created = await create.mutateAsync({ body, idempotencyKey: idempotency.key });
      idempotency.renew();
      return created;
    }
    const saved = await save.mutateAsync({ ...body, version: seen.version });
    setSeen(saved);
    // the flags as the server reads the saved lines, on the lines as sent
    saved.lines.forEach((line, i) => form.setFieldValue(['lines', i, 'flags'], line.flags));
    return saved;
  };

  /** The first field in error in view (a phone's long form: the error may be screens away). */
  const showFirstError = () => {
    const name = firstError(form);
    if (name) form.scrollToField(name, { block: 'center' });
  };

  const failed = async (err: unknown) => {
    if (!seen) idempotency.settle(err);
    if (isStaleVersion(err)) {
      // changed elsewhere: the values typed stay, on the claim's version now
      const now = await onReread?.();
      if (now && now.id === seen?.id && now.may.edit) {
        setSeen(now);
        void message.warning(t('claims.stale'));
      } else {
        void message.warning(t('claims.notDraft'));
      }
      return;
    }
    if (err instanceof ApiError && err.status === 409 && err.code === 'claim_not_draft') {
      // submitted meanwhile (another device): the page shows it as read
      void message.warning(t('claims.notDraft'));
      void onReread?.();
      return;
    }
    const budget = refusalOf(err);
    if (budget) {
      setRefusal(budget);
      return;
    }
    if (err instanceof ApiError && err.status === 409 && err.code === 'budget_busy') {
      void message.warning(t('claims.busy'));
      return;
    }
    handleError(form, onFormFields(err));
    showFirstError();
  };

  const onSave = async () => {
    setRefusal(null);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      showFirstError(); // the form shows what is missing
      return;
    }
    try {
      const stored = await store(values);
      void message.success(seen ? t('claims.saved') : t('claims.created'));
      if (!seen) onCreated?.(stored);
    } catch (err) {
      await failed(err);
    }
  };

  const onSubmit = async () => {
    if (!seen) return;
    setRefusal(null);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      showFirstError();
      return;
    }
    try {
      const stored = await store(values);
      const sent = await submitting.mutateAsync(stored.version);
      // whose step it waits for: the manager's, or head office's for a manager's own claim
      void message.success(t(sent.waits_for === 'head_office' ? 'claims.submittedHeadOffice' : 'claims.submittedManager'));
    } catch (err) {
      await failed(err);
    }
  };

  const budgetCategory = Form.useWatch('budget_category', form) as BudgetCategory | undefined;
  const overdue = shown && shown.state === 'draft' && shown.filing_due && today.isAfter(dayjs(shown.filing_due), 'day');
  const windows = (seen?.orders ?? []).filter((o) => o.window);

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initial} data-testid="claim-form" requiredMark={!isMobile} scrollToFirstError>
      <Card size="small" style={{ marginBottom: 12 }}>
        {shown && !overdue && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="claim-filing-due">
            {t('claims.filingDue', { date: shown.filing_due })}
          </Typography.Paragraph>
        )}
        {overdue && <Alert type="warning" showIcon style={{ marginBottom: 8 }} data-testid="claim-overdue" message={t('claims.filingOverdue', { date: shown.filing_due })} />}
        <Form.Item name="reason" label={t('claims.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('claims.reason') }) }]}>
          <Input.TextArea data-testid="claim-reason" rows={2} maxLength={CLAIM_LIMITS.reason} />
        </Form.Item>
        <Row gutter={8}>
          <Col xs={12} sm={6}>
            <Form.Item name="departed_on" label={t('claims.departedOn')} rules={[{ required: true, message: t('common.required', { label: t('claims.departedOn') }) }]}>
              <DateTimeInput withTime={false} data-testid="claim-departed" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="returned_on"
              label={t('claims.returnedOn')}
              dependencies={['departed_on']}
              rules={[
                { required: true, message: t('common.required', { label: t('claims.returnedOn') }) },
                ({ getFieldValue }) => ({
                  validator: async (_, v: Dayjs | undefined) => {
                    const from = getFieldValue('departed_on') as Dayjs | undefined;
                    if (v && from && v.isBefore(from, 'day')) throw new Error(t('claims.returnedBefore'));
                    if (v && v.isAfter(today, 'day')) throw new Error(t('claims.future'));
                  },
                }),
              ]}
            >
              <DateTimeInput withTime={false} data-testid="claim-returned" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={6}>
            <Form.Item name="budget_category" label={t('claims.budgetCategory')} rules={[{ required: true, message: t('common.required', { label: t('claims.budgetCategory') }) }]}>
              <Select data-testid="claim-budget-category" options={BUDGET_CATEGORIES.map((c) => ({ value: c, label: t(`budget_category.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={6}>
            <Form.Item name="advance_fen" label={t('claims.advance')} rules={yuanRules(t)}>
              <YuanInput data-testid="claim-advance" />
            </Form.Item>
          </Col>
        </Row>
        {shown?.budget && budgetCategory === shown.budget.category && <BudgetNote budget={shown.budget} />}
        <Form.Item
          name="orders"
          label={t('claims.orders')}
          extra={t('claims.ordersHint', { max: CLAIM_LIMITS.orders })}
          rules={[{ type: 'array', max: CLAIM_LIMITS.orders, message: t('claims.ordersHint', { max: CLAIM_LIMITS.orders }) }]}
        >
          <Select
            mode="multiple"
            allowClear
            showSearch
            optionFilterProp="label"
            loading={orders.isFetching}
            data-testid="claim-orders"
            options={orderOptions}
            placeholder={t('claims.ordersNone')}
          />
        </Form.Item>
        {windows.length > 0 && (
          <Flex vertical gap={2} style={{ marginTop: -8, marginBottom: 8 }} data-testid="claim-windows">
            {windows.map((o) => (
              <Typography.Text key={o.id} type="secondary" style={{ fontSize: 12 }}>
                {orderWindow(t, o)}
              </Typography.Text>
            ))}
          </Flex>
        )}
      </Card>

      <Card size="small" title={t('claims.lines')} style={{ marginBottom: 12 }}>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <LineFields
                  key={field.key}
                  form={form}
                  name={field.name}
                  index={i}
                  claimId={seen?.id}
                  known={known}
                  spare={spare}
                  onUploaded={(r) => setUploaded((all) => ({ ...all, [r.id]: r }))}
                  onRemove={fields.length > 1 ? () => remove(field.name) : undefined}
                />
              ))}
              {fields.length < CLAIM_LIMITS.lines && (
                <Button
                  icon={<PlusOutlined />}
                  block={isMobile}
                  onClick={() => {
                    const departed = form.getFieldValue('departed_on') as Dayjs | undefined;
                    add({ category: 'transport', receipts: [], ...(departed && { date: departed }) } satisfies LineValues);
                  }}
                  data-testid="claim-add-line"
                >
                  {t('claims.addLine')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Card>

      {refusal && <ExceededAlert refusal={refusal} outlet={seen?.outlet} year={seen?.budget?.year} onClose={() => setRefusal(null)} />}

      <Card
        size="small"
        style={{ position: 'sticky', bottom: 0, zIndex: 5, boxShadow: '0 -2px 8px rgba(0,0,0,0.06)' }}
        styles={{ body: { padding: isMobile ? 10 : 12 } }}
        data-testid="claim-form-bar"
      >
        <Flex justify="space-between" align="center" gap={8} wrap>
          <LiveTotals form={form} />
          <Flex gap={8} wrap style={isMobile ? { width: '100%' } : undefined}>
            <Button icon={<SaveOutlined />} loading={create.isPending || save.isPending} disabled={busy} onClick={() => void onSave()} data-testid="claim-save" style={isMobile ? { flex: 1 } : undefined}>
              {t('claims.saveDraft')}
            </Button>
            {seen?.may.submit !== false && seen && (
              <Button type="primary" icon={<SendOutlined />} loading={submitting.isPending} disabled={busy} onClick={() => void onSubmit()} data-testid="claim-submit" style={isMobile ? { flex: 1 } : undefined}>
                {t('claims.submit')}
              </Button>
            )}
          </Flex>
        </Flex>
      </Card>
    </Form>
  );
}
