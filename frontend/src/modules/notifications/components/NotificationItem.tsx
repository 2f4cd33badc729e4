import { Flex, Tag, Typography } from 'antd';
import type { NoticeKind, Notification } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { formatTime } from '../../../utils/time';

const LEVEL_COLORS: Record<string, string> = { warning: 'orange', breach: 'red', escalation: 'magenta' };
/** Hand-off notices: work to do in blue, what went wrong in warmer colours. */
const NOTICE_COLORS: Partial<Record<NoticeKind, string>> = { objected: 'gold', on_hold: 'gold', plan_rejected: 'gold', low_score: 'volcano' };

interface Props {
  item: Notification;
  testId: string;
  onOpen: (item: Notification) => void;
  /** Two lines of body at most (the header dropdown). */
  compact?: boolean;
}

/**
 * One inbox entry: unread ones in bold with a dot; a click opens the order. A deadline's tag is
 * its level (warning, breach, escalation), a hand-off's what happened (dispatched to you, plan
 * awaits approval…), named by the notifications vocabulary.
 */
export function NotificationItem({ item, testId, onOpen, compact = false }: Props) {
  const { te, tk } = useI18n();
  const tag = item.notice
    ? { color: NOTICE_COLORS[item.notice] ?? 'blue', text: tk(`notice.${item.notice}`, item.notice) }
    : { color: LEVEL_COLORS[item.level] ?? 'default', text: te('level', item.level) };
  return (
    <div
      role="button"
      tabIndex={0}
      data-testid={testId}
      data-read={item.read ? '1' : '0'}
      onClick={() => onOpen(item)}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onOpen(item)}
      style={{
        cursor: 'pointer',
        padding: '8px 12px',
        borderBlockEnd: '1px solid #f0f0f0',
        background: item.read ? undefined : '#f0f7ff',
        wordBreak: 'break-word',
      }}
    >
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong={!item.read} style={{ flex: 1 }}>
          {!item.read && <span style={{ display: 'inline-block', width: 6, height: 6, borderRadius: 3, background: '#1677ff', marginInlineEnd: 6, verticalAlign: 'middle' }} />}
          {item.title}
        </Typography.Text>
        <Tag color={tag.color} style={{ marginInlineEnd: 0 }} data-testid="notification-tag" data-notice={item.notice ?? undefined}>
          {tag.text}
        </Tag>
      </Flex>
      {item.body && (
        <Typography.Paragraph type="secondary" style={{ margin: '2px 0', fontWeight: item.read ? undefined : 500 }} ellipsis={compact ? { rows: 2 } : false}>
          {item.body}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatTime(item.at)}
        {item.number ? ` · ${item.number}` : ''}
        {item.clock ? ` · ${te('clock', item.clock)}` : ''}
      </Typography.Text>
    </div>
  );
}
