import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Card, Empty, Segmented, Spin } from 'antd';
import { listNotifications, markAllNotificationsRead } from '../api/client';
import { markRead, refreshUnreadCount, useUnreadCount } from '../api/inbox';
import type { Notification } from '../api/types';
import { useI18n } from '../i18n';
import { LoadMore } from '../components/LoadMore';
import { NotificationItem } from '../components/NotificationItem';
import { PageHeader } from '../components/PageHeader';
import { useShowError } from '../utils/errors';
import { useCursorList } from '../utils/useCursorList';

type Filter = 'all' | 'unread';

/** 通知: the user's own inbox, newest first, page by page. */
export default function NotificationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const unread = useUnreadCount();
  const [filter, setFilter] = useState<Filter>('all');
  const [reload, setReload] = useState(0);
  // Marked read on this page since the list was loaded (the list itself is not refetched).
  const [readIds, setReadIds] = useState<Set<string>>(new Set());
  const [allRead, setAllRead] = useState(false);
  const fetchPage = useCallback((cursor?: string) => listNotifications({ unread: filter === 'unread', limit: 20, cursor }), [filter]);
  const list = useCursorList(fetchPage, `${filter}-${reload}`);

  const open = (item: Notification) => {
    if (!item.read && !readIds.has(item.id) && !allRead) {
      setReadIds((prev) => new Set(prev).add(item.id));
      void markRead(item.id);
    }
    if (item.order_id) navigate(`/work-orders/${item.order_id}`);
  };

  const readAll = async () => {
    try {
      const result = await markAllNotificationsRead();
      message.success(t('inbox.markedAll', { count: result?.count ?? 0 }));
      setAllRead(true);
      if (filter === 'unread') {
        setAllRead(false);
        setReadIds(new Set());
        setReload((n) => n + 1);
      }
    } catch (err) {
      showError(err);
    } finally {
      void refreshUnreadCount();
    }
  };

  return (
    <div style={{ maxWidth: 800 }}>
      <PageHeader title={t('inbox.pageTitle')}>
        <Segmented<Filter>
          data-testid="notifications-filter"
          value={filter}
          onChange={(next) => {
            setFilter(next);
            setReadIds(new Set());
            setAllRead(false);
          }}
          options={[
            { value: 'all', label: t('inbox.all') },
            { value: 'unread', label: unread > 0 ? t('inbox.unreadN', { count: unread }) : t('inbox.unread') },
          ]}
        />
        <Button data-testid="notifications-read-all" onClick={() => void readAll()}>
          {t('inbox.readAll')}
        </Button>
      </PageHeader>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        {list.loading ? (
          <Spin style={{ display: 'block', margin: 32 }} />
        ) : list.items.length === 0 ? (
          <Empty style={{ padding: 24 }} description={t('inbox.empty')} />
        ) : (
          list.items.map((item) => (
            <NotificationItem
              key={item.id}
              item={allRead || readIds.has(item.id) ? { ...item, read: true } : item}
              testId={`notification-${item.id}`}
              onOpen={open}
            />
          ))
        )}
      </Card>
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </div>
  );
}
