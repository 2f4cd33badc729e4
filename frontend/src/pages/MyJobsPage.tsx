import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { Empty, List, Typography } from 'antd';
import { listWorkOrders } from '../api/client';
import type { WorkOrder } from '../api/types';
import { useT } from '../i18n';
import { LoadMore } from '../components/LoadMore';
import { OrderCard } from '../components/OrderCard';
import { useCursorList } from '../utils/useCursorList';

/** The technician's open jobs, as cards that fit a phone. */
export default function MyJobsPage() {
  const t = useT();
  const navigate = useNavigate();
  const fetchPage = useCallback((cursor?: string) => listWorkOrders({ mine: true, cursor }), []);
  const list = useCursorList(fetchPage, 'mine');
  const open = (order: WorkOrder) => navigate(`/work-orders/${order.id}`);

  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('myJobs.title')}
      </Typography.Title>
      <List
        loading={list.loading}
        dataSource={list.items}
        rowKey="id"
        locale={{ emptyText: <Empty description={t('myJobs.empty')} /> }}
        renderItem={(order) => (
          <List.Item style={{ padding: '4px 0', borderBlockEnd: 'none' }}>
            <OrderCard order={order} testId={`job-card-${order.number}`} onOpen={open} />
          </List.Item>
        )}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </div>
  );
}
