import { Alert, Flex, Radio, Skeleton, Tag, Typography } from 'antd';
import { EnvironmentOutlined, StarFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useI18n } from '../../../i18n';
import { ErrorState } from '../../../components/ErrorState';
import { useJobClassNames, type JobClassNames } from '../../technicians/policyQueries';
import { useDispatchCandidates, type DispatchCandidate, type DispatchCandidates } from '../queries';

interface Props {
  /** The order being dispatched or reassigned. */
  orderId: string;
  /** The chosen technician's username (a Form item's value). */
  value?: string;
  onChange?: (username: string) => void;
  /** The id Form.Item gives its control (its label points at it). */
  id?: string;
  /** The job class the form names (a dispatch may correct the order's): said when it is not
   * the one the qualifications are listed for. */
  jobClass?: string;
  /** The order's technician is shown but cannot be chosen (a plan's approval hands the repair
   * to someone else, or to nobody new). */
  lockCurrent?: boolean;
  /** The radio group's accessible name (the form field's label; 技术员 by default). */
  ariaLabel?: string;
}

/** Wall-clock "HH:mm" of an instant in the outlet's time zone. */
const clockTime = (iso: string, tz: string) => dayjs.utc(iso).tz(tz).format('HH:mm');

function Stars({ stars }: { stars: number | null }) {
  const { t } = useI18n();
  return (
    <Typography.Text type={stars ? undefined : 'secondary'} data-testid="picker-stars" data-stars={stars ?? ''}>
      {stars ? (
        <>
          <StarFilled style={{ color: '#faad14' }} /> {t('dispatch.picker.stars', { n: stars })}
        </>
      ) : (
        t('dispatch.picker.noStars')
      )}
    </Typography.Text>
  );
}

/** Qualified for the order's class of work, or what the technician lacks ("2★，需 4★",
 * "电工证 已过期 2026-10-31"): the API's `qualified` and `problems`. */
function Qualification({ c, names }: { c: DispatchCandidate; names: JobClassNames }) {
  const { t } = useI18n();
  if (c.qualified) {
    return (
      <Tag color="success" data-testid="picker-qualified">
        {t('jobClasses.qualified')}
      </Tag>
    );
  }
  return (
    <Flex wrap gap={4} data-testid="picker-problems">
      {c.problems.map((p, i) => (
        <Tag key={i} color="error" data-code={p.code}>
          {names.problem(p)}
        </Tag>
      ))}
    </Flex>
  );
}

/** The classes the candidates are qualified for: the order's, and while its plan awaits
 * approval the plan's too (the approval may hand the repair over). */
const checkedClasses = (answer: DispatchCandidates): string[] => [
  ...new Set([...(answer.job_class ? [answer.job_class] : []), ...answer.plan_job_classes]),
];

function Option({ c, answer, names }: { c: DispatchCandidate; answer: DispatchCandidates; names: JobClassNames }) {
  const { t, tk } = useI18n();
  const distance =
    c.distance_km === null ? t('dispatch.picker.distanceUnknown') : t('dispatch.picker.distance', { km: c.distance_km.toFixed(1) });
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Flex wrap gap={6} align="center">
        <Typography.Text strong>{c.name}</Typography.Text>
        <Stars stars={c.star_level} />
        {c.recommended && (
          <Tag color="green" data-testid="picker-recommended">
            {t('dispatch.picker.recommended')}
          </Tag>
        )}
        {checkedClasses(answer).length > 0 && <Qualification c={c} names={names} />}
      </Flex>
      <Flex wrap gap={12}>
        <span data-testid="picker-open-jobs" data-count={c.open_jobs}>
          {t('dispatch.picker.openJobs', { n: c.open_jobs })}
        </span>
        <span data-testid="picker-distance" data-km={c.distance_km ?? ''}>
          <EnvironmentOutlined /> {distance}
          {c.position && <Typography.Text type="secondary"> · {tk(`tech_position.${c.position}`, c.position)}</Typography.Text>}
        </span>
        <span data-testid="picker-visits" data-count={c.today_visits.length}>
          {t('dispatch.picker.todayVisits', { n: c.today_visits.length })}
          {c.today_visits.length > 0 && (
            <Typography.Text type="secondary"> ({c.today_visits.map((v) => clockTime(v.visit_at, answer.timezone)).join(', ')})</Typography.Text>
          )}
        </span>
      </Flex>
      {c.reasons.length > 0 && (
        <Flex wrap gap={4} data-testid="picker-reasons">
          {c.reasons.map((r) => (
            <Tag key={r} bordered={false} color={r === 'current' ? 'default' : 'blue'} data-reason={r}>
              {tk(`suitability.${r}`, r)}
            </Tag>
          ))}
        </Flex>
      )}
    </Flex>
  );
}

/**
 * The outlet's technicians for dispatching or reassigning an order, most suitable first (in the
 * API's order), each with stars, open jobs, today's visits and distance, and why they rank where
 * they do (the API's reasons: the rule is not restated here). A Form control: `value` is the
 * chosen username.
 */
export function TechnicianPicker({ orderId, value, onChange, id, jobClass, lockCurrent = false, ariaLabel }: Props) {
  const { t } = useI18n();
  const names = useJobClassNames();
  const { data, error, refetch, isFetching } = useDispatchCandidates(orderId);
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} retrying={isFetching} compact testId="picker-error" />;
  if (!data) return <Skeleton active title={false} paragraph={{ rows: 3 }} data-testid="picker-loading" />;
  if (data.items.length === 0) return <Alert type="warning" showIcon message={t('dispatch.picker.empty')} />;
  const planClasses = data.plan_job_classes;
  const classNames = checkedClasses(data).map((code) => names.jobClass(code));
  return (
    <div data-testid="technician-picker" id={id} role="radiogroup" aria-label={ariaLabel ?? t('dispatch.board.technician')}>
      {(data.job_class || planClasses.length > 0) && (
        <Typography.Paragraph
          type="secondary"
          style={{ marginBottom: 8 }}
          data-testid="picker-job-class"
          data-job-class={data.job_class ?? ''}
          data-plan-job-classes={planClasses.join(' ')}
        >
          {planClasses.length > 0
            ? t('dispatch.picker.qualifiedFirstWithPlan', {
                jobClasses: classNames.map((name) => t('dispatch.picker.quoted', { name })).join(t('common.listSep')),
              })
            : t('jobClasses.qualifiedFirst', { jobClass: classNames.join(t('common.listSep')) })}
        </Typography.Paragraph>
      )}
      {jobClass && jobClass !== (data.job_class ?? undefined) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={t(data.job_class ? 'jobClasses.formDiffers' : 'jobClasses.formSetsClass', { jobClass: names.jobClass(jobClass) })}
          data-testid="picker-job-class-differs"
        />
      )}
      {!data.site_located && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('dispatch.picker.noSite')}
        </Typography.Paragraph>
      )}
      {/* antd's group is a plain div: the group's role, name and Form.Item's id on this one */}
      <Radio.Group value={value} onChange={(e) => onChange?.(e.target.value as string)} style={{ width: '100%' }}>
        <Flex vertical gap={6}>
          {data.items.map((c) => (
            <div
              key={c.username}
              data-testid={`picker-option-${c.username}`}
              data-rank={c.rank}
              data-qualified={c.qualified}
              data-current={c.current}
              style={{
                padding: '8px 10px',
                border: `1px solid ${value === c.username ? '#1677ff' : '#f0f0f0'}`,
                borderRadius: 8,
                wordBreak: 'break-word',
              }}
            >
              <Radio value={c.username} disabled={lockCurrent && c.current} style={{ alignItems: 'flex-start', width: '100%' }}>
                <Option c={c} answer={data} names={names} />
              </Radio>
            </div>
          ))}
        </Flex>
      </Radio.Group>
    </div>
  );
}
