import { useNavigate, useSearchParams } from 'react-router-dom';
import { Tabs, Typography } from 'antd';
import { useT } from '../../../i18n';
import { LoadMore } from '../../../components/LoadMore';
import { OrderCard } from '../components/OrderCard';
import { CardList, listState } from '../../../components/ResponsiveTable';
import { useMyJobs, type MyJobsTab } from '../queries';

function JobList({ tab }: { tab: MyJobsTab }) {
  const t = useT();
  const navigate = useNavigate();
  const list = useMyJobs(tab);
  const open = (order: { id: string }) => navigate(`/work-orders/${order.id}`);
  return (
    <div data-testid={`my-jobs-${tab}`}>
      {tab === 'active' && <Typography.Paragraph type="secondary">{t('myJobs.hint')}</Typography.Paragraph>}
      <CardList
        {...listState(list)}
        rowKey="id"
        empty={t(tab === 'active' ? 'myJobs.empty' : 'myJobs.emptyFinished')}
        renderCard={(order) => <OrderCard order={order} testId={`job-card-${order.number}`} onOpen={open} job />}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </div>
  );
}

/**
 * The technician's jobs, as cards that fit a phone: first the ones still theirs to act on (on
 * hold included), most urgent first; the finished ones (repaired and after) in their own tab.
 */
export default function MyJobsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab: MyJobsTab = params.get('tab') === 'finished' ? 'finished' : 'active';
  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('myJobs.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'finished' ? { tab: 'finished' } : {}, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'active', label: <span data-testid="my-jobs-tab-active">{t('myJobs.tabActive')}</span>, children: <JobList tab="active" /> },
          { key: 'finished', label: <span data-testid="my-jobs-tab-finished">{t('myJobs.tabFinished')}</span>, children: <JobList tab="finished" /> },
        ]}
      />
    </div>
  );
}
