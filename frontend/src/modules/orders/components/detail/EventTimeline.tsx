import { Timeline, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { WorkOrderEvent } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { StateTag } from '../../../../components/StatusTags';
import { formatTime } from '../../../../utils/time';
import { dataEntries, type FormatContext } from './format';

const COLORS: Record<string, string> = {
  cancel: 'red',
  reject_plan: 'red',
  object: 'red',
  hold: 'orange',
  archive: 'gray',
  attachment_rejected: 'red',
  report_issued: 'green',
};

/** The dictionary group tried first for an event's data labels (then `field.*`). */
function labelPrefix(action: string, data: WorkOrderEvent['data']): string {
  if (action === 'create') return 'wo';
  if (action === 'attachment_added' || action === 'attachment_rejected') return 'evidenceField';
  if (action === 'report_issued' || action === 'correct_report') return 'reportField';
  if (action.endsWith('quote') || action.startsWith('quote_')) return 'quoteEvent';
  if (action.startsWith('parts_')) return 'partsEvent';
  // every coverage action records the decision it led to
  if (data && 'coverage_decision' in data) return 'coverageEvent';
  return 'field';
}

interface Props {
  events: WorkOrderEvent[];
  ctx: FormatContext;
}

/** Who did what and when, oldest first, with the state change and the data they recorded. */
export function EventTimeline({ events, ctx }: Props) {
  const { t, te } = useI18n();
  return (
    <Timeline
      data-testid="timeline"
      items={events.map((event) => ({
        key: event.id,
        color: COLORS[event.action] ?? 'blue',
        children: (
          <div data-testid={`event-${event.action}`} style={{ wordBreak: 'break-word' }}>
            <div>
              <Typography.Text strong>{te('event', event.action)}</Typography.Text>
              <Typography.Text type="secondary"> · {formatTime(event.at)}</Typography.Text>
            </div>
            <div>
              <Typography.Text type="secondary">{t('detail.by', { name: event.actor.name, role: te('role', event.actor.role) })}</Typography.Text>
            </div>
            <div style={{ margin: '4px 0' }}>
              {event.from_state && event.from_state !== event.to_state && (
                <>
                  <StateTag state={event.from_state} />
                  <ArrowRightOutlined style={{ marginInlineEnd: 8 }} />
                </>
              )}
              <StateTag state={event.to_state} />
            </div>
            {dataEntries(event.data, ctx, labelPrefix(event.action, event.data)).map((e) => (
              <div key={e.key}>
                <Typography.Text type="secondary">
                  {e.label}
                  {t('common.colon')}
                </Typography.Text>
                <span style={{ whiteSpace: 'pre-wrap' }}>{e.text}</span>
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
