import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Col, Descriptions, Flex, Form, Input, Modal, Radio, Result, Row, Skeleton, Statistic, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client';
import { useMe } from '../../../api/session';
import { MAX_TEXT } from '../../../api/types';
import { useCan } from '../../../access';
import { ErrorState } from '../../../components/ErrorState';
import { formSheet } from '../../../components/formSheet';
import { PageHeader } from '../../../components/PageHeader';
import { MonthPicker } from '../../../components/MonthPicker';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { VocabularyTag } from '../../../components/StatusTags';
import { useI18n } from '../../../i18n';
import { markShownInPlace, useFormErrorHandler } from '../../../utils/errors';
import { useIdempotencyKey } from '../../../utils/idempotency';
import { formatFen } from '../../../utils/money';
import { currentMonth, MONTH_RE } from '../../../utils/month';
import { formatTime } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { useUrlParams } from '../../../utils/useUrlParams';
import { PenaltyFields, penaltyAmountFen } from '../../complaints/components/PenaltyFields';
import type { ComplaintSummary } from '../../complaints/types';
import { useOutlets } from '../../directory/queries';
import { outletName } from '../../directory/outletName';
import { useAddLedgerEntry, useConductRecord, type ConductEntry, type ConductRecord } from '../queries';

interface AddValues {
  kind: 'penalty' | 'reward';
  penalty_kind?: string;
  amount?: string;
  reason: string;
}

/** 登记奖惩: a reward (a valuable suggestion) or a penalty by hand; the amount typed in 元. */
function AddEntryModal({ person, onClose }: { person: ConductRecord['person']; onClose: () => void }) {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<AddValues>();
  const handleError = useFormErrorHandler();
  const add = useAddLedgerEntry(person.username);
  const { key: idempotencyKey, settle: settleKey } = useIdempotencyKey();
  const kind = Form.useWatch('kind', form) ?? 'penalty';
  const penaltyKind = Form.useWatch('penalty_kind', form);

  const submit = async (v: AddValues) => {
    const fen = penaltyAmountFen(v.penalty_kind, v.amount, v.kind === 'reward');
    try {
      await add.mutateAsync({
        body: {
          kind: v.kind,
          reason: v.reason.trim(),
          ...(v.kind === 'penalty' && v.penalty_kind && { penalty_kind: v.penalty_kind }),
          ...(fen !== null && { amount_fen: fen }),
        },
        idempotencyKey,
      });
      message.success(t('conduct.added'));
      onClose();
    } catch (err) {
      settleKey(err);
      if (err instanceof ApiError && err.fields.amount_fen) form.setFields([{ name: 'amount', errors: [err.fields.amount_fen] }]);
      handleError(form, err);
    }
  };

  return (
    <Modal
      open
      title={t('conduct.addTitle', { name: person.name })}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'conduct-add-submit' } as ButtonProps}
      {...formSheet(isMobile, 520, 'conduct-add-modal')}
    >
      <Form<AddValues> form={form} layout="vertical" initialValues={{ kind: 'penalty' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="kind" label={t('conduct.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="conduct-add-kind"
            options={(['penalty', 'reward'] as const).map((k) => ({ value: k, label: <span data-testid={`conduct-add-kind-${k}`}>{tk(`conduct_kind.${k}`, k)}</span> }))}
          />
        </Form.Item>
        <PenaltyFields
          kind={kind === 'penalty' ? penaltyKind : undefined}
          reward={kind === 'reward'}
          testIds={{ kind: 'conduct-add-penalty-kind', amount: 'conduct-add-amount' }}
          amountHint={t('conduct.amountHint')}
        />
        <Form.Item name="reason" label={t('conduct.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('conduct.reason') }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={MAX_TEXT} data-testid="conduct-add-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A complaint's number: a link when the reader may open the complaint, else plain text. */
function ComplaintNumber({ complaint: c }: { complaint: ComplaintSummary }) {
  const { t } = useI18n();
  const number = c.number ?? t('complaints.draftNumber');
  if (!c.openable) return <span data-testid={`conduct-complaint-${c.id}`} data-openable="false">{number}</span>;
  return (
    <Link to={`/complaints/${c.id}`} data-testid={`conduct-complaint-${c.id}`} data-openable="true">
      {number}
    </Link>
  );
}

/** Where an entry came from: the complaint (a link when the reader may open it, else its
 * number) or entered by hand. */
function Source({ entry, openable }: { entry: ConductEntry; openable: (id: string) => boolean }) {
  const { tk } = useI18n();
  if (entry.source.kind === 'complaint' && entry.source.id) {
    if (!openable(entry.source.id)) {
      return (
        <span data-testid={`conduct-source-${entry.source.id}`} data-openable="false">
          {entry.source.number ?? tk('conduct_source.complaint', 'complaint')}
        </span>
      );
    }
    return (
      <Link to={`/complaints/${entry.source.id}`} data-testid={`conduct-source-${entry.source.id}`} onClick={(e) => e.stopPropagation()}>
        {entry.source.number ?? tk('conduct_source.complaint', 'complaint')}
      </Link>
    );
  }
  return <>{tk(`conduct_source.${entry.source.kind}`, entry.source.kind)}</>;
}

/**
 * 个人奖惩记录: a person's month in the conduct ledger (penalties and rewards with totals) and
 * the complaints about them; a manager of their outlet or head office enters a reward or a
 * penalty. `/people/me` is the signed-in user's own (a technician's 我的奖惩).
 */
export default function PersonRecordPage() {
  const { username: param } = useParams<{ username: string }>();
  const me = useMe();
  const { t, tk, lang } = useI18n();
  const can = useCan();
  const isMobile = useIsMobile();
  const { params, setParam } = useUrlParams();
  const username = param === 'me' ? me.username : param;
  const monthParam = params.get('month');
  const month = monthParam && MONTH_RE.test(monthParam) ? monthParam : undefined;
  const record = useConductRecord(username, month);
  const outlets = useOutlets();
  const [adding, setAdding] = useState(false);
  const r = record.data;

  if (record.error && !r) {
    // nobody by that name, or not theirs to read: the server answers 404 alike
    if (record.error instanceof ApiError && record.error.status === 404) {
      markShownInPlace(record.error);
      return (
        <div data-testid="conduct-not-found">
          <Result status="404" title={t('conduct.notFound')} />
        </div>
      );
    }
    return <ErrorState error={record.error} onRetry={() => void record.refetch()} retrying={record.isFetching} />;
  }
  if (!r) return <Skeleton active />;

  const outlet = outlets?.find((o) => o.code === r.person.outlet);
  const mayAdd = can('conduct.ledger.write') && r.person.username !== me.username;
  // a complaint's page opens for its outlet's office and head office, and for whoever the
  // server marked it openable for on this record (the person themself may not open it)
  const openableIds = new Set(r.complaints.filter((c) => c.openable).map((c) => c.id));
  const openable = (id: string) => openableIds.has(id) || can('complaints.read');

  const columns: TableColumnsType<ConductEntry> = [
    { key: 'at', title: t('conduct.at'), width: 140, render: (_, e) => formatTime(e.at) },
    { key: 'kind', title: t('conduct.kind'), width: 80, render: (_, e) => <VocabularyTag group="conduct_kind" value={e.kind} /> },
    { key: 'penalty_kind', title: t('conduct.penaltyKind'), width: 100, render: (_, e) => (e.penalty_kind ? tk(`penalty_kind.${e.penalty_kind}`, e.penalty_kind) : '-') },
    { key: 'amount', title: t('conduct.amount'), width: 110, align: 'right', render: (_, e) => (e.amount_fen ? formatFen(e.amount_fen) : '-') },
    { key: 'reason', title: t('conduct.reason'), render: (_, e) => e.reason },
    { key: 'source', title: t('conduct.source'), width: 190, render: (_, e) => <Source entry={e} openable={openable} /> },
    { key: 'by', title: t('conduct.by'), width: 90, responsive: ['lg'], render: (_, e) => e.by_name ?? e.by },
  ];

  const complaintColumns: TableColumnsType<ComplaintSummary> = [
    {
      key: 'number',
      title: t('complaints.number'),
      width: 200,
      render: (_, c) => <ComplaintNumber complaint={c} />,
    },
    { key: 'received_at', title: t('complaints.receivedAt'), width: 140, render: (_, c) => formatTime(c.received_at) },
    { key: 'kind', title: t('complaints.kind'), render: (_, c) => tk(`complaint_kind.${c.kind}`, c.kind) },
    { key: 'state', title: t('col.state'), width: 120, ellipsis: false, render: (_, c) => <VocabularyTag group="complaint_state" value={c.state} /> },
  ];

  return (
    <div style={{ maxWidth: 1100 }} data-testid="conduct-page" data-username={r.person.username}>
      <PageHeader title={<span data-testid="conduct-person">{t('conduct.title', { name: r.person.name })}</span>}>
        <MonthPicker
          value={r.month}
          max={currentMonth()}
          onChange={(m) => setParam('month', m)}
          aria-label={t('conduct.month')}
          data-testid="conduct-month"
          inputReadOnly={isMobile}
          style={{ width: 130 }}
        />
        {mayAdd && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="conduct-add">
            {t('conduct.add')}
          </Button>
        )}
      </PageHeader>
      {record.error ? <ErrorState compact stale error={record.error} onRetry={() => void record.refetch()} retrying={record.isFetching} /> : null}
      <Flex vertical gap={12}>
        <Card size="small">
          <Row gutter={[12, 12]} align="middle">
            <Col xs={24} md={12}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('conduct.outlet')}>{outlet ? outletName(outlet, lang) : r.person.outlet}</Descriptions.Item>
                <Descriptions.Item label={t('conduct.role')}>{tk(`role.${r.person.role}`, r.person.role)}</Descriptions.Item>
              </Descriptions>
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('conduct.penaltyTotal')} value={formatFen(r.totals.penalty_fen)} valueStyle={{ color: r.totals.penalty_fen ? '#cf1322' : undefined }} data-testid="conduct-penalty-total" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('conduct.rewardTotal')} value={formatFen(r.totals.reward_fen)} data-testid="conduct-reward-total" />
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('conduct.ledger', { month: r.month })}>
          <ResponsiveTable<ConductEntry>
            items={r.entries}
            loading={false}
            rowKey="id"
            columns={columns}
            empty={t('conduct.noEntries')}
            testId="conduct-entries"
            onRow={(e) => ({ 'data-testid': `conduct-entry-${e.id}` })}
            renderCard={(e) => (
              <Card size="small" style={{ width: '100%' }} data-testid={`conduct-entry-${e.id}`}>
                <Flex justify="space-between" wrap gap={6}>
                  <span>
                    <VocabularyTag group="conduct_kind" value={e.kind} />
                    {e.penalty_kind ? tk(`penalty_kind.${e.penalty_kind}`, e.penalty_kind) : null}
                  </span>
                  <Typography.Text strong>{e.amount_fen ? formatFen(e.amount_fen) : ''}</Typography.Text>
                </Flex>
                <div style={{ wordBreak: 'break-word' }}>{e.reason}</div>
                <Flex justify="space-between" wrap gap={6}>
                  <Source entry={e} openable={openable} />
                  <Typography.Text type="secondary">
                    {e.by_name ?? e.by} · {formatTime(e.at)}
                  </Typography.Text>
                </Flex>
              </Card>
            )}
          />
        </Card>
        <Card size="small" title={t('conduct.complaints')}>
          <ResponsiveTable<ComplaintSummary>
            items={r.complaints}
            loading={false}
            rowKey="id"
            columns={complaintColumns}
            empty={t('conduct.noComplaints')}
            testId="conduct-complaints"
            renderCard={(c) => (
              <Card size="small" style={{ width: '100%' }}>
                <Flex justify="space-between" wrap gap={6}>
                  <ComplaintNumber complaint={c} />
                  <VocabularyTag group="complaint_state" value={c.state} />
                </Flex>
                <Flex justify="space-between" wrap gap={6}>
                  <span>{tk(`complaint_kind.${c.kind}`, c.kind)}</span>
                  <Typography.Text type="secondary">{formatTime(c.received_at)}</Typography.Text>
                </Flex>
              </Card>
            )}
          />
        </Card>
      </Flex>
      {adding && <AddEntryModal person={r.person} onClose={() => setAdding(false)} />}
    </div>
  );
}
