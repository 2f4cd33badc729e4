import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Flex, Form, InputNumber, Radio, Result, Skeleton, Table, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { ArrowLeftOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { useCan } from '../../../access';
import { ApiError } from '../../../api/client';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { isStaleVersion, markShownInPlace, useFormErrorHandler } from '../../../utils/errors';
import { formatFen } from '../../../utils/money';
import { DISPLAY_TZ, formatTime } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { useJobClasses } from '../queries';
import { TRAINING } from './permissions';
import { useRecordResults, useSession } from './queries';
import { GROUPS, TrainingTag, useVocabulary } from './tags';
import type { Attendee, TrainingSession } from './types';

interface Entry {
  username: string;
  attended?: 'present' | 'absent';
  score?: number | null;
}
interface Values {
  results: Entry[];
}

const fileLink = (username: string) => `/technicians/${encodeURIComponent(username)}`;

/** What recording did for an attendee: the certificate issued, the penalty proposed. */
function Outcome({ a }: { a: Attendee }) {
  const { t } = useI18n();
  return (
    <Flex gap={4} wrap align="center">
      {a.certificate_id && (
        <Link to={fileLink(a.username)} data-testid="attendee-certificate">
          <SafetyCertificateOutlined /> {t('training.attendee.certificate')}
        </Link>
      )}
      {a.proposal_id && (
        <Typography.Text type="warning" data-testid="attendee-proposal">
          <WarningOutlined /> {t('training.attendee.proposal')}
        </Typography.Text>
      )}
      {a.proposal_state && <TrainingTag group={GROUPS.proposalState} value={a.proposal_state} testId="attendee-proposal-state" />}
    </Flex>
  );
}

/** The attendees with their recorded attendance, score and result. */
function Results({ session }: { session: TrainingSession }) {
  const { t } = useI18n();
  const attendance = (a: Attendee) => (a.attended === null ? '-' : a.attended ? t('training.attendee.present') : t('training.attendee.absent'));
  const columns: TableColumnsType<Attendee> = [
    { key: 'name', title: t('training.attendee.name'), render: (_, a) => <Link to={fileLink(a.username)}>{a.name}</Link> },
    { key: 'attended', title: t('training.attendee.attendance'), width: 90, render: (_, a) => attendance(a) },
    { key: 'score', title: t('training.attendee.score'), width: 80, align: 'right', render: (_, a) => <span data-testid="attendee-score">{a.score ?? '-'}</span> },
    { key: 'result', title: t('training.attendee.result'), width: 110, ellipsis: false, render: (_, a) => <TrainingTag group={GROUPS.result} value={a.result} testId="attendee-result" /> },
    { key: 'outcome', title: t('training.attendee.outcome'), width: 280, ellipsis: false, render: (_, a) => <Outcome a={a} /> },
  ];
  return (
    <ResponsiveTable<Attendee>
      items={session.attendees}
      rowKey="username"
      loading={false}
      columns={columns}
      testId="attendees-table"
      onRow={(a) => ({ 'data-testid': `attendee-${a.username}`, 'data-result': a.result ?? undefined })}
      renderCard={(a) => (
        <Card size="small" style={{ width: '100%' }} data-testid={`attendee-${a.username}`} data-result={a.result ?? undefined}>
          <Flex justify="space-between" wrap gap={6} align="center">
            <Link to={fileLink(a.username)}>{a.name}</Link>
            <TrainingTag group={GROUPS.result} value={a.result} testId="attendee-result" />
          </Flex>
          <Typography.Text type="secondary">
            {attendance(a)} · <span data-testid="attendee-score">{a.score ?? '-'}</span>
          </Typography.Text>
          <Outcome a={a} />
        </Card>
      )}
    />
  );
}

/** The form the results are recorded in: for each attendee present or absent, and the score of
 * who was there; sent once (all of them, with the version seen). */
function RecordForm({ session, onStale }: { session: TrainingSession; onStale: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const handleError = useFormErrorHandler();
  const record = useRecordResults(session.id);
  const table = useJobClasses();
  // the pass mark and fine shown are the table's as it is now: read again when the form opens
  const { refetch } = table;
  const [reread, setReread] = useState(false);
  useEffect(() => {
    void refetch().finally(() => setReread(true));
  }, [refetch]);
  // one confirmation at a time: the results are sent once
  const [confirming, setConfirming] = useState(false);
  const confirmOpen = useRef(false);
  const entries = Form.useWatch('results', form) as Entry[] | undefined;
  const settings = reread ? table.data?.settings : undefined;
  const mark = session.pass_mark ?? settings?.pass_mark;
  const fine = settings?.absence_fine_fen;

  const send = async (v: Values) => {
    const results = v.results.map((e) => ({ username: e.username, attended: e.attended === 'present', score: e.attended === 'present' ? (e.score ?? null) : null }));
    try {
      await record.mutateAsync({ version: session.version, results });
      message.success(t('training.record.done'));
    } catch (err) {
      if (isStaleVersion(err)) {
        void message.warning(t('training.stale'));
        onStale();
        return;
      }
      handleError(form, err);
    }
  };
  const confirm = (v: Values) => {
    if (confirmOpen.current || record.isPending) return;
    confirmOpen.current = true;
    setConfirming(true);
    modal.confirm({
      title: t('training.record.submit'),
      content: t('training.record.confirm'),
      okText: t('common.submit'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'record-confirm' } as ButtonProps,
      onOk: () => send(v),
      afterClose: () => {
        confirmOpen.current = false;
        setConfirming(false);
      },
    });
  };

  const field = (index: number, which: 'attended' | 'score') => {
    const present = entries?.[index]?.attended === 'present';
    return which === 'attended' ? (
      <Form.Item name={[index, 'attended']} rules={[{ required: true, message: t('training.attendee.choose') }]} style={{ marginBottom: 0 }}>
        <Radio.Group optionType="button" size="small" data-testid="attendee-attended">
          <Radio.Button value="present">
            <span data-testid="attendee-present">{t('training.attendee.present')}</span>
          </Radio.Button>
          <Radio.Button value="absent">
            <span data-testid="attendee-absent">{t('training.attendee.absent')}</span>
          </Radio.Button>
        </Radio.Group>
      </Form.Item>
    ) : (
      <Form.Item
        name={[index, 'score']}
        rules={present ? [{ required: true, type: 'integer', min: 0, max: 100, message: t('training.attendee.scoreRequired') }] : []}
        style={{ marginBottom: 0 }}
      >
        <InputNumber min={0} max={100} precision={0} disabled={!present} style={{ width: 90 }} aria-label={t('training.attendee.score')} data-testid="attendee-score-input" />
      </Form.Item>
    );
  };

  const certificate = session.certificate_type ? t('training.record.hintCertificate', { certificate: session.certificate_type_name ?? session.certificate_type }) : '';
  const columns: TableColumnsType<Attendee & { index: number }> = [
    { key: 'name', title: t('training.attendee.name'), render: (_, a) => a.name },
    { key: 'attended', title: t('training.attendee.attendance'), width: 180, render: (_, a) => field(a.index, 'attended') },
    { key: 'score', title: t('training.attendee.score'), width: 130, render: (_, a) => field(a.index, 'score') },
  ];
  const rows = session.attendees.map((a, index) => ({ ...a, index }));

  return (
    <Card size="small" title={t('training.record.title')} data-testid="record-form">
      {mark !== undefined && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('training.record.hint', { mark, certificate, fine: fine !== undefined ? formatFen(fine) : '-' })}
          data-testid="record-hint"
          data-pass-mark={mark}
        />
      )}
      <Form<Values> form={form} initialValues={{ results: session.attendees.map((a) => ({ username: a.username })) }} onFinish={confirm}>
        <Form.List name="results">
          {() =>
            isMobile ? (
              <Flex vertical gap={8}>
                {rows.map((a) => (
                  <Card key={a.username} size="small" data-testid={`attendee-${a.username}`}>
                    <Typography.Text strong>{a.name}</Typography.Text>
                    <Flex gap={8} wrap align="start" style={{ marginTop: 6 }}>
                      {field(a.index, 'attended')}
                      {field(a.index, 'score')}
                    </Flex>
                  </Card>
                ))}
              </Flex>
            ) : (
              <Table
                size="small"
                rowKey="username"
                pagination={false}
                dataSource={rows}
                columns={columns}
                data-testid="attendees-form"
                onRow={(a) => ({ 'data-testid': `attendee-${a.username}` }) as HTMLAttributes<HTMLElement>}
              />
            )
          }
        </Form.List>
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={record.isPending} disabled={confirming && !record.isPending} data-testid="record-submit">
            {t('training.record.submit')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

/**
 * A training session (培训): what, when, where, by whom, how it is assessed and what a pass
 * issues; its attendees. Until the results are recorded, who may write records attendance and
 * scores once; then each attendee's result shows, with the certificate issued or the penalty
 * proposed.
 */
export default function SessionPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useI18n();
  const can = useCan();
  const name = useVocabulary();
  const query = useSession(id);
  const session = query.data;

  if (query.error && !session) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      markShownInPlace(query.error);
      return (
        <div data-testid="session-not-found">
          <Result status="404" title={t('training.session.notFound')} />
        </div>
      );
    }
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  if (!session) return <Skeleton active />;

  // back to the session's outlet (head office's choice is kept in the URL)
  const back = `/technicians/training?tab=sessions&outlet=${encodeURIComponent(session.outlet)}`;
  const mayRecord = session.state === 'planned' && can(TRAINING.write);
  // results are recorded from the session's day on (the outlets' date)
  const early = session.held_on > dayjs().tz(DISPLAY_TZ).format('YYYY-MM-DD');

  return (
    <div style={{ maxWidth: 1000 }} data-testid="session-page" data-state={session.state}>
      <PageHeader title={<span data-testid="session-title">{session.title}</span>}>
        <TrainingTag group={GROUPS.sessionState} value={session.state} testId="session-state" />
        <Link to={back}>
          <Button icon={<ArrowLeftOutlined />} data-testid="session-back">
            {t('training.session.back')}
          </Button>
        </Link>
      </PageHeader>
      {query.error ? <ErrorState compact stale error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      <Flex vertical gap={12}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('training.session.heldOn')}>{session.held_on}</Descriptions.Item>
            <Descriptions.Item label={t('training.place')}>{session.place}</Descriptions.Item>
            <Descriptions.Item label={t('training.trainer')}>{session.trainer}</Descriptions.Item>
            <Descriptions.Item label={t('training.session.kind')}>{name(GROUPS.sessionKind, session.kind)}</Descriptions.Item>
            <Descriptions.Item label={t('training.session.examKind')}>{name(GROUPS.examKind, session.exam_kind)}</Descriptions.Item>
            <Descriptions.Item label={t('training.session.plan')}>{session.plan?.objective ?? t('training.plan.none')}</Descriptions.Item>
            <Descriptions.Item label={t('training.session.certificate')}>
              <span data-testid="session-certificate">
                {session.certificate_type ? t('training.session.issues', { certificate: session.certificate_type_name ?? session.certificate_type, months: session.validity_months }) : t('training.session.noCertificate')}
              </span>
            </Descriptions.Item>
            {session.pass_mark !== null && (
              <Descriptions.Item label={t('training.session.passMark')}>
                <span data-testid="session-pass-mark">{t('training.session.passMarkN', { n: session.pass_mark })}</span>
              </Descriptions.Item>
            )}
            {session.recorded_at && (
              <Descriptions.Item label={t('training.session.recordedBy')}>
                {session.recorded_by_name ?? session.recorded_by} · {formatTime(session.recorded_at)}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        {mayRecord && early && <Alert type="info" showIcon message={t('training.record.notYet', { date: session.held_on })} data-testid="record-not-yet" />}
        {mayRecord && !early ? (
          <RecordForm session={session} onStale={() => void query.refetch()} />
        ) : (
          <Card size="small" title={t('training.session.attendees')}>
            <Results session={session} />
          </Card>
        )}
      </Flex>
    </div>
  );
}
