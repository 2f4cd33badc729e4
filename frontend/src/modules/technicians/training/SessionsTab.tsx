import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Flex, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useCan } from '../../../access';
import { RefreshButton } from '../../../components/RefreshButton';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { TRAINING } from './permissions';
import { useSessions } from './queries';
import { SessionModal } from './SessionModal';
import { GROUPS, TrainingTag, useVocabulary } from './tags';
import type { SessionRow } from './types';
import { useYearParam, YearSelect } from './YearSelect';


/** 培训记录: the outlet's sessions, latest first, each opening its page. */
export function SessionsTab({ outlet, ready }: { outlet: string | undefined; ready: boolean }) {
  const { t } = useI18n();
  const can = useCan();
  const name = useVocabulary();
  const [year, setYear] = useYearParam();
  const { data, error, isFetching, refetch } = useSessions(outlet, year, ready);
  const [creating, setCreating] = useState(false);
  const link = (s: SessionRow) => `/technicians/training/sessions/${encodeURIComponent(s.id)}`;
  const outcome = (s: SessionRow) =>
    s.state === 'recorded' ? (
      <Typography.Text data-testid="session-tally">{t('training.session.tally', { passed: s.passed, retake: s.retake, absent: s.absent })}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">{t('training.session.people', { n: s.attendees })}</Typography.Text>
    );

  const columns: TableColumnsType<SessionRow> = [
    { key: 'held_on', title: t('training.session.heldOn'), width: 110, render: (_, s) => s.held_on },
    {
      key: 'title',
      title: t('training.session.title'),
      render: (_, s) => (
        <Link to={link(s)} data-testid="session-link">
          {s.title}
        </Link>
      ),
    },
    { key: 'kind', title: t('training.session.kind'), width: 110, responsive: ['lg'], render: (_, s) => name(GROUPS.sessionKind, s.kind) },
    { key: 'exam_kind', title: t('training.session.examKind'), width: 110, responsive: ['lg'], render: (_, s) => name(GROUPS.examKind, s.exam_kind) },
    { key: 'trainer', title: t('training.trainer'), width: 100, responsive: ['xl'], render: (_, s) => s.trainer },
    { key: 'outcome', title: t('training.attendee.result'), width: 220, render: (_, s) => outcome(s) },
    { key: 'state', title: t('training.state'), width: 120, ellipsis: false, render: (_, s) => <TrainingTag group={GROUPS.sessionState} value={s.state} testId="session-state" /> },
  ];

  return (
    <>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <YearSelect value={year} onChange={setYear} testId="sessions-year" />
        <Space wrap>
          <RefreshButton label={t('training.refresh')} loading={isFetching} onClick={() => void refetch()} testId="sessions-refresh" />
          {can(TRAINING.write) && (
            <Button type="primary" icon={<PlusOutlined />} disabled={!ready} onClick={() => setCreating(true)} data-testid="session-new">
              {t('training.session.new')}
            </Button>
          )}
        </Space>
      </Flex>
      <ResponsiveTable<SessionRow>
        items={data?.items ?? []}
        rowKey="id"
        loading={!data && ready}
        error={error}
        onRetry={() => void refetch()}
        retrying={isFetching}
        empty={t('training.session.empty')}
        columns={columns}
        tableId="training-sessions"
        testId="sessions-table"
        onRow={(s) => ({ 'data-testid': `session-row-${s.id}`, 'data-state': s.state })}
        renderCard={(s) => (
          <Card size="small" style={{ width: '100%' }} data-testid={`session-row-${s.id}`} data-state={s.state}>
            <Flex justify="space-between" wrap gap={6} align="center">
              <Link to={link(s)} data-testid="session-link">
                {s.title}
              </Link>
              <TrainingTag group={GROUPS.sessionState} value={s.state} testId="session-state" />
            </Flex>
            <Typography.Text type="secondary">
              {s.held_on} · {name(GROUPS.sessionKind, s.kind)} · {name(GROUPS.examKind, s.exam_kind)}
            </Typography.Text>
            <div>{outcome(s)}</div>
          </Card>
        )}
      />
      {creating && <SessionModal outlet={outlet} onClose={() => setCreating(false)} />}
    </>
  );
}
