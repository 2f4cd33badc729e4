import { useEffect, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMe } from '../../../api/session';
import type { WorkOrder } from '../../../api/types';
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
import { defaultOutlet } from '../../directory/components/OutletSelect';
import { useOutlets, useTechnicians } from '../../directory/queries';
import { useWorkOrderList } from '../queries';
import { ListFilters } from '../components/list/ListFilters';
import { toFilters, useListQuery } from '../components/list/useListQuery';

export default function WorkOrderListPage() {
  const me = useMe();
  const { t, te } = useI18n();
  const navigate = useNavigate();
  const can = useCan();
  // Head office may look at any outlet (and must name one); everyone else sees their own.
  const anyOutlet = can('directory.all_outlets');
  const [query, update] = useListQuery();
  const outlets = useOutlets(anyOutlet);

  // Head office's default: the first real (non head-office) outlet.
  useEffect(() => {
    if (anyOutlet && !query.outlet && outlets) {
      const first = defaultOutlet(outlets);
      if (first) update({ outlet: first });
    }
  }, [anyOutlet, query.outlet, outlets, update]);

  const outlet = anyOutlet ? (query.outlet ?? null) : me.outlet;
  const technicians = useTechnicians(outlet);
  const filters = useMemo(() => toFilters({ ...query, outlet: anyOutlet ? query.outlet : undefined }), [query, anyOutlet]);
  const list = useWorkOrderList(filters, Boolean(outlet));
  const open = (order: WorkOrder) => navigate(`/work-orders/${order.id}`);

  const columns: TableColumnsType<WorkOrder> = [
    { title: t('col.number'), dataIndex: 'number', key: 'number', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: t('col.customer'), dataIndex: 'customer_name', key: 'customer' },
    { title: t('col.type'), dataIndex: 'type', key: 'type', render: (v: WorkOrder['type']) => te('type', v) },
    { title: t('col.priority'), dataIndex: 'priority', key: 'priority', render: (v: WorkOrder['priority']) => <PriorityTag priority={v} /> },
    { title: t('col.state'), dataIndex: 'state', key: 'state', render: (v: WorkOrder['state']) => <StateTag state={v} /> },
    {
      title: t('col.sla'),
      key: 'sla',
      width: 230,
      render: (_: unknown, order: WorkOrder) => ((order.clocks ?? []).some(isActiveClock) ? <ClockBadges clocks={order.clocks} /> : '-'),
    },
    { title: t('col.technician'), dataIndex: 'technician_name', key: 'technician', render: (v: string | null) => v ?? '-' },
    { title: t('col.createdAt'), dataIndex: 'created_at', key: 'created_at', render: (v: string) => formatTime(v) },
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
        customersAllowed={can('customers.read')}
      />
      <ResponsiveTable<WorkOrder>
        items={list.items}
        rowKey="id"
        loading={list.loading}
        columns={columns}
        onRow={(order) => ({ onClick: () => open(order), style: { cursor: 'pointer' }, 'data-testid': `order-row-${order.number}` })}
        renderCard={(order) => <OrderCard order={order} testId={`order-row-${order.number}`} onOpen={open} />}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </div>
  );
}
