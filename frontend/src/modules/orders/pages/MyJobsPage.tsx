import { useNavigate } from 'react-router-dom';
import { Typography } from 'antd';
import type { WorkOrder } from '../../../api/types';
import { useT } from '../../../i18n';
import { LoadMore } from '../../../components/LoadMore';
import { OrderCard } from '../components/OrderCard';
import { CardList } from '../../../components/ResponsiveTable';
import { useMyJobs } from '../queries';

/** The technician's open jobs, as cards that fit a phone. */
export default function MyJobsPage() {
  const t = useT();
  const navigate = useNavigate();
  const list = useMyJobs();
  const open = (order: WorkOrder) => navigate(`/work-orders/${order.id}`);

  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('myJobs.title')}
      </Typography.Title>
      <CardList
        items={list.items}
        rowKey="id"
        loading={list.loading}
        empty={t('myJobs.empty')}
        renderCard={(order) => <OrderCard order={order} testId={`job-card-${order.number}`} onOpen={open} />}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </div>
  );
}
