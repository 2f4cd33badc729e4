import { useCallback, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Modal, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { FilePdfOutlined, LinkOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, getWorkOrder } from '../../../../api/client';
import type { AttachmentCategory } from '../../../../api/types';
import { DateTimeInput } from '../../../../components/DateTimeInput';
import { useI18n } from '../../../../i18n';
import { useErrorText, useShowError } from '../../../../utils/errors';
import { formatTime, pickerToIso } from '../../../../utils/time';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { uploadNow } from '../../../evidence/lib/direct';
import { openFresh } from '../../../evidence/lib/format';
import { UploadError } from '../../../evidence/lib/upload';
import { SignaturePad, type SignaturePadHandle } from '../../../evidence/components/SignaturePad';
import { failedComponents } from '../coverage/failedComponents';
import { useCardAction, type ActionOutcome, type CardHandlers } from '../coverage/useCardAction';
import { createQuoteLink, getPriceList } from './api';
import { editorToLines, editorValidity, editorValues, QuoteEditor, type EditorValues } from './QuoteEditor';
import { QuoteLines, QuoteStateTag } from './QuoteLines';
import type { QuoteOrder } from './types';
import { quotePartsOf } from '../../../parts/components/order/quoteParts';
import { formSheet } from '../../../../components/formSheet';

/** The attachment category of a signature given on a quote (not the acceptance's). */
const QUOTE_SIGNATURE = 'quote_signature' as AttachmentCategory;

type Step = 'edit' | 'approve' | 'signature' | 'phone' | 'refuse' | 'release';
const ACTION_OF: Record<Step, string> = {
  edit: 'quote',
  approve: 'approve_quote',
  signature: 'confirm_quote',
  phone: 'confirm_quote',
  refuse: 'refuse_quote',
  release: 'release_quote',
};

interface Props {
  order: QuoteOrder;
  handlers: CardHandlers;
}

/**
 * 费用通知/报价单 on the order's page: the lines and totals as the server priced them, where the
 * quote stands, why it needs a manager's approval; making and changing it, approving it, the
 * customer's confirmation (signed on this screen, by phone, or through a link) or refusal, head
 * office's release, and the confirmed quote's PDF. Each step is a version-checked action.
 */
export function QuoteCard({ order, handlers }: Props) {
  const { t, te, tk } = useI18n();
  const showError = useShowError();
  const errorText = useErrorText();
  const isMobile = useIsMobile();
  const run = useCardAction(order, handlers);
  const [step, setStep] = useState<Step | null>(null);
  // read when the quote form opens (the order's detail stays one query)
  const priceList = useQuery({
    queryKey: ['warranty', 'price-list', order.id],
    queryFn: () => getPriceList(order.id),
    enabled: step === 'edit',
  });
  const [submitting, setSubmitting] = useState(false);
  const [link, setLink] = useState<{ url: string; expires_at: string } | null>(null);
  const [linking, setLinking] = useState(false);
  const [form] = Form.useForm();
  const [editor] = Form.useForm<EditorValues>();
  const pad = useRef<SignaturePadHandle>(null);
  // A signature already uploaded for this ink is not uploaded again on a retry.
  const ink = useRef(0);
  const uploaded = useRef<{ ink: number; id: string } | null>(null);
  const onInk = useCallback(() => {
    ink.current += 1;
  }, []);

  const quote = order.quote ?? null;
  const allowed = new Set<string>(order.allowed_actions);
  if (!quote && !order.quote_required && !allowed.has('quote')) return null;

  const components = failedComponents(order);

  const start = (next: Step) => {
    form.resetFields();
    uploaded.current = null;
    if (next === 'phone') form.setFieldsValue({ confirmed_at: dayjs() });
    setStep(next);
  };

  const signatureId = async (): Promise<string | null> => {
    if (!pad.current || pad.current.isEmpty()) return null;
    if (uploaded.current && uploaded.current.ink === ink.current) return uploaded.current.id;
    const png = await pad.current.toPng();
    if (!png) return null;
    const drawn = ink.current;
    const attachment = await uploadNow({ orderId: order.id, kind: 'signature', category: QUOTE_SIGNATURE, blob: png, contentType: 'image/png', filename: 'quote-signature.png' });
    uploaded.current = { ink: drawn, id: attachment.id };
    return attachment.id;
  };

  const dataOf = async (current: Step): Promise<Record<string, unknown> | null> => {
    if (current === 'edit') {
      const values = await editor.validateFields();
      return { lines: editorToLines(values), ...editorValidity(values) };
    }
    const values = (await form.validateFields()) as Record<string, unknown>;
    const text = (key: string) => String(values[key] ?? '').trim();
    switch (current) {
      case 'approve':
        return text('note') ? { note: text('note') } : {};
      case 'phone':
        return { method: 'phone', customer_name: text('customer_name'), confirmed_at: pickerToIso(values.confirmed_at as Dayjs) };
      case 'refuse':
        return text('note') ? { note: text('note') } : {};
      case 'release':
        return { reason: text('reason') };
      case 'signature': {
        let id: string | null;
        try {
          id = await signatureId();
        } catch (err) {
          const reason = err instanceof UploadError ? t('queue.error.storage') : err instanceof ApiError ? (err.fields.file ?? errorText(err)) : errorText(err);
          form.setFields([{ name: ['signature'], errors: [t('evidence.signatureFailed', { error: reason })] }]);
          return null;
        }
        if (!id) {
          form.setFields([{ name: ['signature'], errors: [t('evidence.signatureMissing')] }]);
          return null;
        }
        return { method: 'signature', customer_name: text('customer_name'), attachment_id: id };
      }
    }
  };

  const submit = async () => {
    if (!step) return;
    setSubmitting(true);
    try {
      let data: Record<string, unknown> | null;
      try {
        data = await dataOf(step);
      } catch {
        return; // the form shows what is missing
      }
      if (!data) return;
      const outcome: ActionOutcome = await run(ACTION_OF[step], data, step === 'edit' ? editor : form);
      if (outcome !== 'error') setStep(null);
    } finally {
      setSubmitting(false);
    }
  };

  const sendLink = async () => {
    setLinking(true);
    try {
      setLink(await createQuoteLink(order.id));
    } catch (err) {
      showError(err);
    } finally {
      setLinking(false);
    }
  };

  const openPdf = () => void openFresh(async () => (await getWorkOrder(order.id)).quote?.pdf_url ?? null).catch(showError);

  const awaiting = quote?.state === 'approved';
  const buttons: { key: string; show: boolean; node: React.ReactNode }[] = [
    {
      key: 'edit',
      show: allowed.has('quote'),
      node: (
        <Button onClick={() => start('edit')} data-testid="quote-edit" type={quote ? 'default' : 'primary'}>
          {quote ? t('quoteCard.edit') : t('quoteCard.create')}
        </Button>
      ),
    },
    { key: 'approve', show: allowed.has('approve_quote'), node: <Button type="primary" onClick={() => start('approve')} data-testid="quote-approve">{t('quoteCard.approve')}</Button> },
    { key: 'signature', show: allowed.has('confirm_quote'), node: <Button type={awaiting ? 'primary' : 'default'} onClick={() => start('signature')} data-testid="quote-sign">{t('quoteCard.sign')}</Button> },
    { key: 'phone', show: allowed.has('confirm_quote'), node: <Button onClick={() => start('phone')} data-testid="quote-phone">{t('quoteCard.phone')}</Button> },
    { key: 'link', show: allowed.has('confirm_quote') && Boolean(quote), node: <Button icon={<LinkOutlined />} loading={linking} onClick={() => void sendLink()} data-testid="quote-link">{t('quoteCard.link')}</Button> },
    { key: 'refuse', show: allowed.has('refuse_quote'), node: <Button danger onClick={() => start('refuse')} data-testid="quote-refuse">{t('quoteCard.refuse')}</Button> },
    { key: 'release', show: allowed.has('release_quote'), node: <Button onClick={() => start('release')} data-testid="quote-release">{t('quoteCard.release')}</Button> },
    { key: 'pdf', show: Boolean(quote?.pdf_url), node: <Button icon={<FilePdfOutlined />} onClick={openPdf} data-testid="quote-pdf">{t('quoteCard.pdf')}</Button> },
  ];

  const needsApproval = quote?.state === 'pending_approval' && quote.approval_reasons.length > 0;
  const stamp = (s: { by?: string | null; by_name?: string | null; at?: string | null } | null | undefined) =>
    s ? [s.by_name ?? s.by, s.at ? formatTime(s.at) : null].filter(Boolean).join(' · ') : '';

  const titleOf: Record<Step, string> = {
    edit: quote ? t('quoteCard.edit') : t('quoteCard.create'),
    approve: t('quoteCard.approve'),
    signature: t('quoteCard.sign'),
    phone: t('quoteCard.phone'),
    refuse: t('quoteCard.refuse'),
    release: t('quoteCard.release'),
  };

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          {t('quoteCard.title')}
          {quote && <QuoteStateTag state={quote.state} />}
        </Flex>
      }
      style={{ marginBottom: 16 }}
      data-testid="quote-card"
    >
      {quote ? (
        <>
          {needsApproval && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="quote-needs-approval"
              message={t('quoteCard.needsApproval', { reasons: quote.approval_reasons.map((r) => te('quote_approval_reason', r)).join(t('quoteCard.listSeparator')) })}
            />
          )}
          <QuoteLines lines={quote.lines} total_fen={quote.total_fen} charge_fen={quote.charge_fen} showApproval />
          <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
            {quote.approval && <Descriptions.Item label={t('quoteCard.approvedBy')}>{[stamp(quote.approval), quote.approval.note].filter(Boolean).join(' · ')}</Descriptions.Item>}
            {quote.confirmation && (
              <Descriptions.Item label={t('quoteCard.confirmedBy')}>
                <span data-testid="quote-confirmation">
                  {[quote.confirmation.customer_name, tk(`confirm_method.${quote.confirmation.method}`, quote.confirmation.method), quote.confirmation.confirmed_at ? formatTime(quote.confirmation.confirmed_at) : stamp(quote.confirmation)]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </Descriptions.Item>
            )}
            {quote.refusal && (
              <Descriptions.Item label={t('quoteCard.refusedBy')}>
                {[quote.refusal.customer_name, quote.refusal.method === 'link' ? tk('confirm_method.link', 'link') : stamp(quote.refusal), quote.refusal.note].filter(Boolean).join(' · ')}
              </Descriptions.Item>
            )}
            {quote.coverage_changed && <Descriptions.Item label={t('quoteCard.coverageChangedLabel')}>{t('quoteCard.coverageChanged')}</Descriptions.Item>}
            {quote.valid_until && !quote.expired && <Descriptions.Item label={t('quoteCard.validUntilLabel')}>{quote.valid_until}</Descriptions.Item>}
            {quote.expired && <Descriptions.Item label={t('quoteCard.expiredLabel')}>{t('quoteCard.expired', { date: quote.valid_until ?? '' })}</Descriptions.Item>}
            {quote.release && <Descriptions.Item label={t('quoteCard.releasedBy')}>{[stamp(quote.release), quote.release.reason].filter(Boolean).join(' · ')}</Descriptions.Item>}
          </Descriptions>
        </>
      ) : (
        <Typography.Text type="secondary">{t('quoteCard.none')}</Typography.Text>
      )}
      <Flex wrap gap={8} style={{ marginTop: 12 }} data-testid="quote-actions">
        {buttons.filter((b) => b.show).map((b) => (
          <span key={b.key}>{b.node}</span>
        ))}
      </Flex>

      {link && (
        <Modal open title={t('quoteCard.link')} footer={null} onCancel={() => setLink(null)} width={isMobile ? '100%' : 560} modalRender={(dialog) => <div data-testid="quote-link-modal">{dialog}</div>}>
          <Typography.Paragraph>{t('quoteCard.linkHint', { time: formatTime(link.expires_at) })}</Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: `${window.location.origin}${link.url}` }} code data-testid="quote-link-url" style={{ wordBreak: 'break-all' }}>
            {`${window.location.origin}${link.url}`}
          </Typography.Paragraph>
        </Modal>
      )}

      {step && (
        <Modal
          open
          title={titleOf[step]}
          okText={t('common.submit')}
          cancelText={t('common.cancel')}
          onOk={() => void submit()}
          onCancel={() => setStep(null)}
          confirmLoading={submitting}
          okButtonProps={{ 'data-testid': 'quote-form-submit', danger: step === 'refuse' } as ButtonProps}
          {...formSheet(isMobile, step === 'edit' ? 860 : 600, `quote-form-${step}`)}
        >
          {step === 'edit' ? (
            priceList.data ? (
              <QuoteEditor form={editor} initial={editorValues(quote, priceList.data.prices)} prices={priceList.data.prices} components={components} orderParts={quotePartsOf(order)} />
            ) : priceList.isError ? (
              <Alert type="error" showIcon message={errorText(priceList.error)} />
            ) : (
              <Spin data-testid="quote-prices-loading" />
            )
          ) : (
            <>
              {/* What the customer agrees to, above their name and signature. */}
              {quote && (step === 'signature' || step === 'phone' || step === 'approve') && (
                <QuoteLines lines={quote.lines} total_fen={quote.total_fen} charge_fen={quote.charge_fen} showApproval={step === 'approve'} />
              )}
              <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
                {(step === 'signature' || step === 'phone') && (
                  <Form.Item
                    name="customer_name"
                    label={t('quoteCard.customerName')}
                    rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('quoteCard.customerName') }) }]}
                  >
                    <Input data-testid="quote-customer-name" maxLength={100} autoComplete="off" />
                  </Form.Item>
                )}
                {step === 'phone' && (
                  <Form.Item name="confirmed_at" label={t('quoteCard.callTime')} rules={[{ required: true, message: t('common.required', { label: t('quoteCard.callTime') }) }]}>
                    <DateTimeInput data-testid="quote-call-time" />
                  </Form.Item>
                )}
                {step === 'signature' && (
                  <Form.Item name="signature" label={t('quoteCard.signature')} required data-testid="field-quote-signature">
                    <SignaturePad ref={pad} onInk={onInk} disabled={submitting} />
                  </Form.Item>
                )}
                {(step === 'approve' || step === 'refuse') && (
                  <Form.Item name="note" label={t('quoteCard.note')}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="quote-note" />
                  </Form.Item>
                )}
                {step === 'release' && (
                  <Form.Item name="reason" label={t('quoteCard.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('quoteCard.reason') }) }]}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="quote-release-reason" />
                  </Form.Item>
                )}
              </Form>
            </>
          )}
        </Modal>
      )}
    </Card>
  );
}
