import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Flex, Result, Spin, Steps, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client';
import { useCan } from '../../../access';
import { ClockBadges } from '../../../components/ClockBadge';
import { ErrorState } from '../../../components/ErrorState';
import { VocabularyTag } from '../../../components/StatusTags';
import { useI18n } from '../../../i18n';
import { formatTime } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { outletName } from '../../directory/outletName';
import { useOutlets } from '../../directory/queries';
import { ClocksCard } from '../../orders/components/detail/ClocksCard';
import { StepCards } from '../components/StepCards';
import { LoopTag, RepeatTag } from '../components/tags';
import { useComplaint, useComplaintSettings } from '../queries';
import { STEPS, type Complaint, type ComplaintEvent, type ComplaintStep } from '../types';

/** A complaint's page; another complaint (a link from the board) starts with a fresh page. */
export default function ComplaintPage() {
  const { id = '' } = useParams();
  return <ComplaintView key={id} id={id} />;
}

const SHOWN_DATA = ['cause', 'solution', 'summary', 'reason', 'note', 'measure', 'result', 'answer'] as const;

/** What an event recorded, in a line (the texts people typed; the answer by its name). */
function EventData({ event }: { event: ComplaintEvent }) {
  const { t, tk } = useI18n();
  const parts = SHOWN_DATA.flatMap((key) => {
    const value = event.data[key];
    if (typeof value !== 'string' || !value) return [];
    return [key === 'answer' ? tk(`customer_answer.${value}`, value) : value];
  });
  if (event.data.stands === true) parts.unshift(t('complaints.standsYes'));
  if (event.data.stands === false) parts.unshift(t('complaints.standsNo'));
  return parts.length > 0 ? <div>{parts.join(' · ')}</div> : null;
}

/** The process at a glance: recorded, judged, the six steps closing needs, closed (or how it
 * ended otherwise: not founded; a return visit's draft discarded). */
function ProcessSteps({ complaint }: { complaint: Complaint }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const stands = complaint.judgement?.stands === true;
  const closed = complaint.state === 'closed';
  const discarded = complaint.state === 'discarded';
  const stepDone = (step: ComplaintStep) => closed || (complaint.state === 'in_progress' && !complaint.missing.includes(step));
  // the last step: 已结案 while the process may still get there, else the state it ended in
  const end = discarded || complaint.state === 'unfounded' ? complaint.state : 'closed';
  const items = [
    { title: t('complaints.stepRecord'), status: 'finish' as const },
    ...(discarded
      ? []
      : [
          { title: t('complaints.stepJudge'), status: complaint.judgement ? ('finish' as const) : ('process' as const) },
          ...(stands || !complaint.judgement
            ? STEPS.map((step) => ({
                title: t(`complaint_step.${step}`),
                status: stepDone(step) ? ('finish' as const) : complaint.state === 'in_progress' ? ('process' as const) : ('wait' as const),
              }))
            : []),
        ]),
    {
      title: t(`complaint_state.${end}`),
      status: discarded ? ('error' as const) : complaint.status === 'done' ? ('finish' as const) : ('wait' as const),
    },
  ];
  return (
    <Card size="small" title={t('complaints.process')} style={{ marginBottom: 12 }}>
      <Steps size="small" direction={isMobile ? 'vertical' : 'horizontal'} labelPlacement={isMobile ? undefined : 'vertical'} items={items} data-testid="complaint-process" />
    </Card>
  );
}

function ComplaintView({ id }: { id: string }) {
  const { t, tk, lang } = useI18n();
  const navigate = useNavigate();
  const can = useCan();
  const { data: complaint, error, refetch, isFetching } = useComplaint(id);
  // head office's departments (their names, the responsibility step's choices) are for the
  // office, who read complaints.settings; the route already names its department
  const settings = useComplaintSettings(can('complaints.read')).data?.settings;
  const outlets = useOutlets();
  const [incomplete, setIncomplete] = useState<ComplaintStep[] | null>(null);
  const version = complaint?.version;
  useEffect(() => setIncomplete(null), [version]);

  if (error && !complaint) {
    const notFound = error instanceof ApiError && (error.status === 404 || error.status === 403);
    if (!notFound) return <ErrorState error={error} onRetry={() => void refetch()} retrying={isFetching} />;
    return <Result status="404" title={t('complaints.notFound')} extra={<Button onClick={() => navigate(-1)}>{t('common.back')}</Button>} />;
  }
  if (!complaint) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }
  const about = complaint.about;
  const q = complaint.quality;
  const outlet = outlets?.find((o) => o.code === complaint.outlet);
  const source = complaint.source;

  return (
    <div style={{ maxWidth: 1100 }} data-testid="complaint-page" data-version={complaint.version}>
      <Flex align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="complaint-number">
          {complaint.number ?? t('complaints.draftNumber')}
        </Typography.Title>
        <VocabularyTag group="complaint_state" value={complaint.state} testId="complaint-state" />
        <Tag data-testid="complaint-kind">{t(`complaint_kind.${complaint.kind}`)}</Tag>
        {complaint.repeat_of && <RepeatTag earlier={complaint.repeat_of} />}
        <LoopTag loops={complaint.loops} />
      </Flex>
      {error ? <ErrorState compact stale error={error} onRetry={() => void refetch()} retrying={isFetching} /> : null}
      <div style={{ marginBottom: 12 }} data-testid="complaint-clocks">
        <ClockBadges clocks={complaint.clocks} all />
      </div>

      <Card size="small" title={t('complaints.info')} style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="complaint-info">
          <Descriptions.Item label={t('complaints.complainant')}>
            <span data-testid="complaint-complainant">
              {complaint.complainant.name}
              {complaint.complainant.phone && ` · ${complaint.complainant.phone}`}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.channel')}>{t(`complaint_channel.${complaint.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.receivedAt')}>{formatTime(complaint.received_at)}</Descriptions.Item>
          {about.staff && (
            <Descriptions.Item label={t('complaints.aboutStaff')}>
              <Link to={`/people/${about.staff}`} data-testid="complaint-about-staff">
                {about.staff_name ?? about.staff}
              </Link>
              {about.staff_role && <Typography.Text type="secondary"> · {tk(`role.${about.staff_role}`, about.staff_role)}</Typography.Text>}
            </Descriptions.Item>
          )}
          {about.order_id && (
            <Descriptions.Item label={t('complaints.aboutOrder')}>
              <Link to={`/work-orders/${about.order_id}`} data-testid="complaint-about-order">
                {about.order_number ?? about.order_id}
              </Link>
            </Descriptions.Item>
          )}
          {about.unit_name && <Descriptions.Item label={t('complaints.unit')}>{about.unit_name}</Descriptions.Item>}
          <Descriptions.Item label={t('complaints.outlet')}>
            <span data-testid="complaint-outlet">{outlet ? outletName(outlet, lang) : complaint.outlet}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.recordedBy')}>
            {complaint.recorded_by_name ?? complaint.recorded_by} · {formatTime(complaint.created_at)}
          </Descriptions.Item>
          {source && (
            <Descriptions.Item label={t('complaints.source')}>
              {/* a consultation turned into it; a return visit (its order) drafted it */}
              <Link to={source.kind === 'consultation' ? `/consultations/${source.id}` : `/work-orders/${source.id}`} data-testid="complaint-source" data-kind={source.kind}>
                {t(source.kind === 'consultation' ? 'complaints.sourceConsultation' : 'complaints.sourceVisit', { number: source.number ?? source.id })}
              </Link>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('complaints.content')} span={{ xs: 1, sm: 2, lg: 3 }}>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="complaint-content">
              {complaint.content}
            </Typography.Paragraph>
          </Descriptions.Item>
          {complaint.demand && (
            <Descriptions.Item label={t('complaints.demand')} span={{ xs: 1, sm: 2, lg: 3 }}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{complaint.demand}</Typography.Paragraph>
            </Descriptions.Item>
          )}
          {q && (
            <Descriptions.Item label={t('complaints.qualitySection')} span={{ xs: 1, sm: 2, lg: 3 }}>
              <span data-testid="complaint-quality-info">
                {[
                  q.order_ref && `${t('complaints.orderRef')} ${q.order_ref}`,
                  q.part_no && `${t('complaints.partNo')} ${q.part_no}`,
                  q.shipped_on && `${t('complaints.shippedOn')} ${q.shipped_on}`,
                  typeof q.quantity === 'number' && `${t('complaints.quantity')} ${q.quantity}`,
                  typeof q.defective === 'number' && `${t('complaints.defective')} ${q.defective}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <ProcessSteps complaint={complaint} />

      <StepCards complaint={complaint} settings={settings} incomplete={incomplete} onIncomplete={setIncomplete} />

      <ClocksCard clocks={complaint.clocks} nameOf={(username) => username} />

      <Card size="small" title={t('complaints.timeline')} data-testid="complaint-timeline">
        <Timeline
          items={complaint.events.map((e) => ({
            key: e.id,
            children: (
              <div data-testid={`complaint-event-${e.action}`}>
                <div>
                  <Typography.Text strong>{tk(`complaint_action.${e.action}`, e.action)}</Typography.Text> · {e.actor_name ?? e.actor}
                  {e.from_state !== e.to_state && <Typography.Text type="secondary"> → {tk(`complaint_state.${e.to_state}`, e.to_state)}</Typography.Text>}
                </div>
                <EventData event={e} />
                <Typography.Text type="secondary">{formatTime(e.at)}</Typography.Text>
              </div>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
