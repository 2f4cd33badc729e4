import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Drawer, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { Notification } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { useIsMobile } from '../../../utils/useIsMobile';
import { ErrorState } from '../../../components/ErrorState';
import { notificationKeys, useRecentNotifications, useUnreadCount } from '../queries';
import { useInboxActions } from '../useInboxActions';
import { NotificationItem } from './NotificationItem';

/** The header bell: the unread count (read on focus, after an action, at most every few minutes while visible) and the latest notifications. */
export function InboxBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const count = useUnreadCount(true);
  const isMobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const recent = useRecentNotifications(open);
  const items: Notification[] | null = recent.data?.items ?? null;
  const inbox = useInboxActions();

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) void client.invalidateQueries({ queryKey: notificationKeys.unreadCount() });
  };

  const openItem = (item: Notification) => {
    setOpen(false);
    inbox.open(item);
  };
  const readAll = inbox.readAll;

  const content = (
    <div style={{ width: isMobile ? '100%' : 360 }} data-testid="inbox-panel">
      <Flex justify="space-between" align="center" style={{ padding: '4px 12px 8px', borderBlockEnd: '1px solid #f0f0f0' }}>
        <Typography.Text strong>{t('inbox.title')}</Typography.Text>
        <Button size="small" type="link" data-testid="inbox-read-all" disabled={count === 0 && !(items ?? []).some((n) => !n.read)} onClick={() => void readAll()}>
          {t('inbox.readAll')}
        </Button>
      </Flex>
      <div style={{ maxHeight: 'min(420px, 60vh)', overflowY: 'auto' }}>
        {recent.error && items === null ? (
          <ErrorState compact error={recent.error} onRetry={() => void recent.refetch()} retrying={recent.isFetching} />
        ) : items === null ? (
          <Spin style={{ display: 'block', margin: 24 }} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />
        ) : (
          items.map((item) => <NotificationItem key={item.id} item={item} testId={`inbox-item-${item.id}`} onOpen={openItem} compact />)
        )}
      </div>
      <div style={{ textAlign: 'center', paddingTop: 8 }}>
        <Button
          type="link"
          data-testid="inbox-view-all"
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
        >
          {t('inbox.viewAll')}
        </Button>
      </div>
    </div>
  );

  const bell = (
    <Badge count={count} size="small" overflowCount={99} offset={[-6, 6]}>
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label={t('inbox.title')}
        data-testid="inbox-bell"
        data-count={count}
        onClick={isMobile ? () => onOpenChange(!open) : undefined}
      />
    </Badge>
  );

  // A phone gets the list as a full-width drawer: a popover under the bell would not fit.
  if (isMobile) {
    return (
      <>
        {bell}
        <Drawer placement="top" height="auto" open={open} onClose={() => setOpen(false)} closable={false} styles={{ body: { padding: '8px 0' } }} destroyOnHidden>
          {content}
        </Drawer>
      </>
    );
  }

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={onOpenChange}
      content={content}
      arrow={false}
      styles={{ body: { padding: '8px 0' } }}
      destroyOnHidden
    >
      {bell}
    </Popover>
  );
}
