import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Flex, Form, Input, Result, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/client';
import { LangSwitch } from '../../../components/LangSwitch';
import { useI18n } from '../../../i18n';
import { useErrorText } from '../../../utils/errors';
import { decidePublicQuote, getPublicQuote } from '../components/quote/api';
import { QuoteLines, QuoteStateTag } from '../components/quote/QuoteLines';
import type { PublicQuote } from '../components/quote/types';

/**
 * `/q/<token>`: the quote a customer was sent, on their phone, without signing in. They read the
 * lines and what they pay, and confirm or refuse it with their name; the order's page then shows
 * the confirmation "through a link".
 */
export default function PublicQuotePage() {
  const { token = '' } = useParams();
  const { t } = useI18n();
  const errorText = useErrorText();
  const client = useQueryClient();
  const key = ['public-quote', token];
  const { data: quote, error, isLoading } = useQuery({ queryKey: key, queryFn: () => getPublicQuote(token), retry: false, meta: { silent: true } });
  const [form] = Form.useForm<{ customer_name: string }>();
  const [decision, setDecision] = useState<'confirm' | 'refuse' | null>(null);
  const decide = useMutation({
    mutationFn: (body: { customer_name: string; decision: 'confirm' | 'refuse' }) => decidePublicQuote(token, body),
    onSuccess: (next: PublicQuote) => client.setQueryData(key, next),
  });

  const send = async (choice: 'confirm' | 'refuse') => {
    let values: { customer_name: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setDecision(choice);
    decide.mutate({ customer_name: values.customer_name.trim(), decision: choice });
  };

  let body;
  if (isLoading) {
    body = (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  } else if (!quote) {
    const gone = error instanceof ApiError && (error.status === 404 || error.status === 410);
    body = <Result status={gone ? '404' : 'error'} title={gone ? t('publicQuote.notFound') : errorText(error)} data-testid="public-quote-error" />;
  } else {
    const open = !quote.decided && !quote.expired && quote.state === 'approved';
    body = (
      <Card size="small" data-testid="public-quote" data-state={quote.state}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text strong data-testid="public-quote-number">
            {quote.order_number}
          </Typography.Text>
          <QuoteStateTag state={quote.state} />
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {[quote.outlet_name, quote.equipment_label].filter(Boolean).join(' · ')}
        </Typography.Paragraph>
        {quote.outlet_phone && <Typography.Paragraph type="secondary">{t('publicQuote.outletPhone', { phone: quote.outlet_phone })}</Typography.Paragraph>}
        <QuoteLines lines={quote.lines} total_fen={quote.total_fen} charge_fen={quote.charge_fen} />
        {quote.valid_until && <Typography.Paragraph type="secondary">{t('publicQuote.validUntil', { date: quote.valid_until })}</Typography.Paragraph>}
        {quote.state === 'confirmed' || quote.state === 'released' ? (
          <Alert type="success" showIcon style={{ marginTop: 12 }} data-testid="public-quote-confirmed" message={t('publicQuote.confirmedState')} />
        ) : quote.state === 'refused' ? (
          <Alert type="info" showIcon style={{ marginTop: 12 }} data-testid="public-quote-refused" message={t('publicQuote.refused')} />
        ) : quote.expired ? (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="public-quote-expired" message={t('publicQuote.expired')} />
        ) : quote.decided ? (
          <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('publicQuote.decided')} />
        ) : null}
        {open && (
          <Form form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={() => void send('confirm')}>
            <Typography.Paragraph>{t('publicQuote.ask')}</Typography.Paragraph>
            <Form.Item
              name="customer_name"
              label={t('quoteCard.customerName')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('quoteCard.customerName') }) }]}
            >
              <Input data-testid="public-quote-name" maxLength={100} autoComplete="name" size="large" />
            </Form.Item>
            {decide.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errorText(decide.error)} data-testid="public-quote-failed" />}
            <Flex gap={8}>
              <Button type="primary" size="large" style={{ flex: 1 }} loading={decide.isPending && decision === 'confirm'} disabled={decide.isPending} onClick={() => void send('confirm')} data-testid="public-quote-confirm">
                {t('publicQuote.confirm')}
              </Button>
              <Button danger size="large" style={{ flex: 1 }} loading={decide.isPending && decision === 'refuse'} disabled={decide.isPending} onClick={() => void send('refuse')} data-testid="public-quote-refuse">
                {t('publicQuote.refuse')}
              </Button>
            </Flex>
          </Form>
        )}
      </Card>
    );
  }

  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 12 }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('publicQuote.title')}
        </Typography.Title>
        <LangSwitch />
      </Flex>
      {body}
    </div>
  );
}
