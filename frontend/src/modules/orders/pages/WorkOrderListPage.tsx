import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMe } from '../../../api/session';
import type { WorkOrderRow } from '../../../api/types';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { LoadMore } from '../../../components/LoadMore';
import { OrderCard } from '../components/OrderCard';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { ClockBadges } from '../../../components/ClockBadge';
import { PriorityTag, StateTag } from '../../../components/StatusTags';
import { isActiveClock } from '../../../utils/sla';
import { formatTime } from '../../../utils/time';
import { useOutlets, useTechnicians } from '../../directory/queries';
import { useWorkOrderList } from '../queries';
import { ListFilters } from '../components/list/ListFilters';
import { toFilters, useListQuery } from '../components/list/useListQuery';
import { useNetworkTechnicians } from '../components/list/useNetworkTechnicians';

export default function WorkOrderListPage() {
  const me = useMe();
  const { t, te, lang } = useI18n();
  const navigate = useNavigate();
  const can = useCan();
  // Head office sees the whole network (or picks one outlet); everyone else sees their own.
  const anyOutlet = can('directory.all_outlets');
  const [query, update] = useListQuery();
  const outlets = useOutlets(anyOutlet);
  const network = anyOutlet && !query.outlet;

  const outletTechnicians = useTechnicians(network ? null : anyOutlet ? query.outlet : me.outlet);
  const networkTechnicians = useNetworkTechnicians(outlets, network);
  const technicians = network ? networkTechnicians : outletTechnicians;
  const filters = useMemo(() => toFilters({ ...query, outlet: anyOutlet ? query.outlet : undefined }), [query, anyOutlet]);
  const list = useWorkOrderList(filters, true);
  // a name or phone search answers one page: it says when more matched than it shows
  const truncated = list.pages.some((page) => page.truncated);
  const outletName = (code: string) => {
    const found = outlets?.find((o) => o.code === code);
    return found ? (lang === 'zh-CN' ? found.name : found.name_en || found.name) : code;
  };
  const open = (order: { id: string }) => navigate(`/work-orders/${order.id}`);

  const columns: TableColumnsType<WorkOrderRow> = [
    { title: t('col.number'), dataIndex: 'number', key: 'number', width: 160, render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    ...(anyOutlet
      ? [{ title: t('directory.outlet'), dataIndex: 'outlet', key: 'outlet', width: 120, render: (code: string) => outletName(code) }]
      : []),
    { title: t('col.customer'), dataIndex: 'customer_name', key: 'customer' },
    { title: t('col.type'), dataIndex: 'type', key: 'type', width: 100, responsive: ['xxl'], render: (v: WorkOrderRow['type']) => te('type', v) },
    { title: t('col.priority'), dataIndex: 'priority', key: 'priority', width: 90, render: (v: WorkOrderRow['priority']) => <PriorityTag priority={v} /> },
    { title: t('col.state'), dataIndex: 'state', key: 'state', width: 140, render: (v: WorkOrderRow['state']) => <StateTag state={v} /> },
    {
      title: t('col.sla'),
      key: 'sla',
      width: 220,
      ellipsis: false, // the badges wrap (a few at most)
      render: (_: unknown, order: WorkOrderRow) => ((order.clocks ?? []).some(isActiveClock) ? <ClockBadges clocks={order.clocks} /> : '-'),
    },
    { title: t('col.technician'), dataIndex: 'technician_name', key: 'technician', width: 110, render: (v: string | null) => v ?? '-' },
    { title: t('col.createdAt'), dataIndex: 'created_at', key: 'created_at', width: 160, responsive: ['xl'], render: (v: string) => formatTime(v) },
  ];

  return (
    <div>
      <PageHeader title={t('list.title')}>
        {can('orders.create') && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="new-order" onClick={() => navigate('/work-orders/new')}>
            {t('menu.newOrder')}
          </Button>
        )}
      </PageHeader>
      <ListFilters
        query={query}
        update={update}
        outlets={anyOutlet ? outlets : null}
        technicians={technicians}
      />
      {query.q && truncated && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="search-truncated" message={t('list.truncated', { n: list.items.length })} />
      )}
      <ResponsiveTable<WorkOrderRow>
        items={list.items}
        rowKey="id"
        loading={list.loading}
        empty={
          !query.q ? undefined : list.hasMore ? (
            // the pages read so far hold no match, but the search has not reached the end
            <span data-testid="search-none-yet">{t('list.noResultsYet', { q: query.q })}</span>
          ) : (
            <span data-testid="search-no-results">{t('list.noResults', { q: query.q })}</span>
          )
        }
        error={list.error}
        onRetry={list.retry}
        retrying={list.retrying}
        tableId="work-orders"
        columns={columns}
        onRow={(order) => ({ onClick: () => open(order), style: { cursor: 'pointer' }, 'data-testid': `order-row-${order.number}` })}
        renderCard={(order) => <OrderCard order={order} testId={`order-row-${order.number}`} onOpen={open} />}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </div>
  );
}
