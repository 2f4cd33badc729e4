import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Flex, Form, Input, Modal, Popconfirm, Result, Skeleton, Timeline, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/client';
import { MAX_TEXT } from '../../../api/types';
import { ClockBadges } from '../../../components/ClockBadge';
import { ErrorState } from '../../../components/ErrorState';
import { formSheet } from '../../../components/formSheet';
import { PageHeader } from '../../../components/PageHeader';
import { VocabularyTag } from '../../../components/StatusTags';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { isStaleVersion, markShownInPlace, useShowError } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { ToComplaintModal } from '../components/ToComplaintModal';
import { useActionDialog } from '../components/useActionDialog';
import { consultationKeys, useConsultation, useConsultationAction } from '../queries';
import type { Consultation, ConsultationAction } from '../types';

type TextAction = 'answer' | 'close';
/** The action's one text, its form field named as the action's data names it. */
const TEXT_FIELD: Record<TextAction, 'text' | 'note'> = { answer: 'text', close: 'note' };
/** The states a consultation may still become an order in: the server's CONVERTIBLE
 * (chalicelib/modules/consultations/domain/rules.py), which its order's create checks. */
const CONVERTIBLE = new Set<Consultation['state']>(['open', 'taken_over']);

/** The answer (text) or the closing note, then the action. */
function TextActionModal({ consultation, action, onClose, onStale }: { consultation: Consultation; action: TextAction; onClose: () => void; onStale: () => void }) {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Record<string, string>>();
  const { send, pending } = useActionDialog(consultation, form, { onClose, onStale });
  const field = TEXT_FIELD[action];
  const label = action === 'answer' ? t('consult.answerText') : t('consult.closeNote');
  const submit = (values: Record<string, string>) => send(action, { [field]: values[field].trim() }, () => message.success(t(`consult.done.${action}`)));
  return (
    <Modal
      open
      title={tk(`consultation_action.${action}`, label)}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': `consultation-${action}-submit` } as ButtonProps}
      {...formSheet(isMobile, 560, `consultation-${action}-modal`)}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name={field} label={label} rules={[{ required: true, whitespace: true, message: t('common.required', { label }) }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={MAX_TEXT} data-testid={`consultation-${action}-text`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 咨询详情: what the customer asked or told, its clocks, the desk's actions and the history. */
export default function ConsultationPage() {
  const { id } = useParams<{ id: string }>();
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = useCan();
  const client = useQueryClient();
  const showError = useShowError();
  const query = useConsultation(id);
  const act = useConsultationAction(id ?? '');
  const [form, setForm] = useState<TextAction | 'to_complaint' | null>(null);
  const c = query.data;

  const stale = () => {
    message.warning(t('consult.stale'));
    void client.invalidateQueries({ queryKey: consultationKeys.detail(id) });
  };

  if (query.error && !c) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      markShownInPlace(query.error);
      return <Result status="404" title={t('consult.notFound')} extra={<Button onClick={() => navigate(-1)}>{t('common.back')}</Button>} />;
    }
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  if (!c) return <Skeleton active />;

  const offered = new Set<ConsultationAction>(c.actions ?? []);
  const takeOver = () =>
    act
      .mutateAsync({ action: 'take_over', version: c.version, data: {} })
      .then(() => message.success(t('consult.done.take_over')))
      .catch((err: unknown) => (isStaleVersion(err) ? stale() : showError(err)));
  // 转为工单: the intake page, prefilled from the consultation, sends its id with the new order.
  // It is the order's create, not one of the consultation's actions (`actions` never names it):
  // offered to whoever may create orders while the consultation is open or taken over; the
  // order's create refuses another outlet's consultation or one done meanwhile.
  const canOrder = can('orders.create') && CONVERTIBLE.has(c.state);
  const by = (who?: { by: string; by_name?: string | null; at: string } | null) => (who ? t('consult.byAt', { name: who.by_name ?? who.by, time: formatTime(who.at) }) : null);

  return (
    <div style={{ maxWidth: 960 }} data-testid="consultation-page" data-state={c.state} data-version={c.version}>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="consultation-number">{c.number}</span>
            <VocabularyTag group="consultation_state" value={c.state} testId="consultation-state" />
          </Flex>
        }
      >
        <Flex gap={8} wrap data-testid="consultation-actions">
          {offered.has('take_over') && (
            <Popconfirm
              title={t('consult.takeOverConfirm')}
              okText={tk('consultation_action.take_over', t('consult.takenOver'))}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'consultation-take_over-confirm' } as ButtonProps}
              onConfirm={() => takeOver()}
            >
              <Button type="primary" loading={act.isPending} data-testid="consultation-take_over">
                {tk('consultation_action.take_over', t('consult.takenOver'))}
              </Button>
            </Popconfirm>
          )}
          {offered.has('answer') && (
            <Button type={offered.has('take_over') ? 'default' : 'primary'} onClick={() => setForm('answer')} data-testid="consultation-answer">
              {tk('consultation_action.answer', t('consult.answer'))}
            </Button>
          )}
          {offered.has('to_complaint') && (
            <Button onClick={() => setForm('to_complaint')} data-testid="consultation-to_complaint">
              {t('consult.toComplaintTitle')}
            </Button>
          )}
          {canOrder && (
            <Button onClick={() => navigate(`/work-orders/new?consultation=${encodeURIComponent(c.id)}`)} data-testid="consultation-to_order">
              {t('consult.toOrder')}
            </Button>
          )}
          {offered.has('close') && (
            <Button onClick={() => setForm('close')} data-testid="consultation-close">
              {tk('consultation_action.close', t('consult.closedNote'))}
            </Button>
          )}
        </Flex>
      </PageHeader>
      {query.error ? <ErrorState compact stale error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      <Flex vertical gap={12}>
        <ClockBadges clocks={c.clocks} all />
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
            <Descriptions.Item label={t('consult.kind')}>
              <VocabularyTag group="consultation_kind" value={c.kind} />
            </Descriptions.Item>
            <Descriptions.Item label={t('consult.channel')}>{tk(`complaint_channel.${c.channel}`, c.channel)}</Descriptions.Item>
            <Descriptions.Item label={t('consult.customer')}>
              <span data-testid="consultation-customer">{[c.customer_name, c.phone].filter(Boolean).join(' · ')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('consult.receivedAt')}>{formatTime(c.received_at)}</Descriptions.Item>
            <Descriptions.Item label={t('consult.recordedBy')}>{c.recorded_by_name ?? c.recorded_by}</Descriptions.Item>
            {c.taken_over && <Descriptions.Item label={t('consult.takenOver')}>{by(c.taken_over)}</Descriptions.Item>}
            <Descriptions.Item label={t('consult.content')} span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="consultation-content">
                {c.content}
              </Typography.Paragraph>
            </Descriptions.Item>
            {c.answer && (
              <Descriptions.Item label={t('consult.answer')} span={2}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="consultation-answer-text">
                  {c.answer.text}
                </Typography.Paragraph>
                <Typography.Text type="secondary">{by(c.answer)}</Typography.Text>
              </Descriptions.Item>
            )}
            {c.converted && (
              <Descriptions.Item label={t('consult.converted')} span={2}>
                <Link
                  to={c.converted.to === 'order' ? `/work-orders/${c.converted.id}` : `/complaints/${c.converted.id}`}
                  data-testid="consultation-converted"
                >
                  {t(c.converted.to === 'order' ? 'consult.convertedOrder' : 'consult.convertedComplaint', { number: c.converted.number ?? c.converted.id })}
                </Link>
              </Descriptions.Item>
            )}
            {c.closed && (
              <Descriptions.Item label={t('consult.closedNote')} span={2}>
                {c.closed.note} <Typography.Text type="secondary">· {by(c.closed)}</Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        {(c.events ?? []).length > 0 && (
          <Card size="small" title={t('consult.timeline')}>
            <Timeline
              data-testid="consultation-timeline"
              items={(c.events ?? []).map((e) => ({
                key: e.id,
                children: (
                  <div data-testid={`consultation-event-${e.action}`}>
                    <Typography.Text strong>{tk(`consultation_action.${e.action}`, e.action)}</Typography.Text>
                    <Typography.Text type="secondary"> · {formatTime(e.at)} · {e.actor_name ?? e.actor}</Typography.Text>
                  </div>
                ),
              }))}
            />
          </Card>
        )}
      </Flex>
      {(form === 'answer' || form === 'close') && <TextActionModal consultation={c} action={form} onClose={() => setForm(null)} onStale={stale} />}
      {form === 'to_complaint' && <ToComplaintModal consultation={c} onClose={() => setForm(null)} onStale={stale} />}
    </div>
  );
}
