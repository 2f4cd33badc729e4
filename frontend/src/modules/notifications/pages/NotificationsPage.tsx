import { useState } from 'react';
import { Button, Card, Empty, Segmented, Spin } from 'antd';
import { useI18n } from '../../../i18n';
import { LoadMore } from '../../../components/LoadMore';
import { NotificationItem } from '../components/NotificationItem';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState } from '../../../components/ErrorState';
import { useNotificationPages, useUnreadCount } from '../queries';
import { useInboxActions } from '../useInboxActions';

type Filter = 'all' | 'unread';

/** 通知: the user's own inbox, newest first, page by page. */
export default function NotificationsPage() {
  const { t } = useI18n();
  const unread = useUnreadCount();
  const [filter, setFilter] = useState<Filter>('all');
  // Keyed by the filter; what is marked read shows at once, without reading the list again.
  const list = useNotificationPages(filter === 'unread');
  const { open, readAll } = useInboxActions();

  return (
    <div style={{ maxWidth: 800 }}>
      <PageHeader title={t('inbox.pageTitle')}>
        <Segmented<Filter>
          data-testid="notifications-filter"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('inbox.all') },
            { value: 'unread', label: unread > 0 ? t('inbox.unreadN', { count: unread }) : t('inbox.unread') },
          ]}
        />
        <Button data-testid="notifications-read-all" onClick={() => void readAll()}>
          {t('inbox.readAll')}
        </Button>
      </PageHeader>
      {list.error ? <ErrorState error={list.error} onRetry={list.retry} retrying={list.retrying} compact={list.items.length > 0} stale={list.items.length > 0} /> : null}
      <Card size="small" styles={{ body: { padding: 0 } }} hidden={Boolean(list.error) && list.items.length === 0}>
        {list.loading ? (
          <Spin style={{ display: 'block', margin: 32 }} />
        ) : list.items.length === 0 ? (
          <Empty style={{ padding: 24 }} description={t('inbox.empty')} />
        ) : (
          list.items.map((item) => (
            <NotificationItem key={item.id} item={item} testId={`notification-${item.id}`} onOpen={open} />
          ))
        )}
      </Card>
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </div>
  );
}
