import { Link } from 'react-router-dom';
import { Alert, Card, Flex, List, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useCan } from '../../../access';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { TRAINING } from './permissions';
import { GROUPS, TrainingTag } from './tags';
import type { TechnicianTraining } from './types';

/**
 * A technician's trainings on their file (培训记录: each session with their score and result,
 * newest first) and the 补考 still pending (a result below the pass mark no later pass on the
 * same subject has cleared). Cards on a phone, where the technician reads their own.
 */
export function FileTrainings({ trainings, retakes }: { trainings: TechnicianTraining[]; retakes: TechnicianTraining[] }) {
  const { t } = useI18n();
  const can = useCan();
  // the session's page is for who runs training; the technician reads their result here
  const title = (r: TechnicianTraining) =>
    can(TRAINING.read) ? (
      <Link to={`/technicians/training/sessions/${encodeURIComponent(r.session_id)}`} data-testid="training-session-link">
        {r.title}
      </Link>
    ) : (
      r.title
    );
  const certificate = (r: TechnicianTraining) =>
    r.certificate_id ? (
      <Typography.Text type="success" data-testid="training-certificate">
        <SafetyCertificateOutlined /> {r.certificate_type_name ?? r.certificate_type}
      </Typography.Text>
    ) : null;
  const columns: TableColumnsType<TechnicianTraining> = [
    { key: 'held_on', title: t('training.session.heldOn'), width: 110, render: (_, r) => r.held_on },
    { key: 'title', title: t('training.session.title'), render: (_, r) => title(r) },
    { key: 'score', title: t('training.attendee.score'), width: 80, align: 'right', render: (_, r) => <span data-testid="training-score">{r.score ?? '-'}</span> },
    { key: 'result', title: t('training.attendee.result'), width: 110, ellipsis: false, render: (_, r) => <TrainingTag group={GROUPS.result} value={r.result} testId="training-result" /> },
    {
      key: 'outcome',
      title: t('training.attendee.outcome'),
      width: 200,
      ellipsis: false,
      render: (_, r) => certificate(r) ?? (r.proposal_state ? <TrainingTag group={GROUPS.proposalState} value={r.proposal_state} testId="training-proposal-state" /> : null),
    },
  ];

  return (
    <Card size="small" title={t('training.file.title')} data-testid="tech-trainings">
      {retakes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('training.file.retakes')}
          data-testid="tech-retakes"
          description={
            <List
              size="small"
              split={false}
              dataSource={retakes}
              rowKey="session_id"
              renderItem={(r) => (
                <List.Item style={{ padding: '2px 0' }} data-testid={`retake-${r.session_id}`}>
                  <span style={{ wordBreak: 'break-word' }}>{t('training.file.retakeLine', { title: r.title, date: r.held_on, score: r.score ?? '-' })}</span>
                </List.Item>
              )}
            />
          }
        />
      )}
      <ResponsiveTable<TechnicianTraining>
        items={trainings}
        rowKey="session_id"
        loading={false}
        columns={columns}
        empty={t('training.file.empty')}
        testId="tech-trainings-table"
        onRow={(r) => ({ 'data-testid': `training-row-${r.session_id}`, 'data-result': r.result })}
        renderCard={(r) => (
          <Card size="small" style={{ width: '100%' }} data-testid={`training-row-${r.session_id}`} data-result={r.result}>
            <Flex justify="space-between" wrap gap={6} align="center">
              <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                {title(r)}
              </Typography.Text>
              <TrainingTag group={GROUPS.result} value={r.result} testId="training-result" />
            </Flex>
            <Typography.Text type="secondary">
              {r.held_on} · {t('training.attendee.score')} <span data-testid="training-score">{r.score ?? '-'}</span>
            </Typography.Text>
            <div>{certificate(r)}</div>
          </Card>
        )}
      />
    </Card>
  );
}
