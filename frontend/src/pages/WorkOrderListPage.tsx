import { useCallback, useEffect, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { listWorkOrders } from '../api/client';
import { useOutlets, useTechnicians } from '../api/hooks';
import { useMe } from '../api/session';
import type { WorkOrder } from '../api/types';
import { canCreateOrder, canSearchCustomers, isHeadOffice } from '../access';
import { useI18n } from '../i18n';
import { LoadMore } from '../components/LoadMore';
import { OrderCard } from '../components/OrderCard';
import { PageHeader } from '../components/PageHeader';
import { ResponsiveTable } from '../components/ResponsiveTable';
import { ClockBadges } from '../components/ClockBadge';
import { PriorityTag, StateTag } from '../components/StatusTags';
import { isActiveClock } from '../utils/sla';
import { formatTime } from '../utils/time';
import { useCursorList } from '../utils/useCursorList';
import { ListFilters } from './workOrderList/ListFilters';
import { toFilters, useListQuery } from './workOrderList/useListQuery';

export default function WorkOrderListPage() {
  const me = useMe();
  const { t, te } = useI18n();
  const navigate = useNavigate();
  const headOffice = isHeadOffice(me.role);
  const [query, update] = useListQuery();
  const outlets = useOutlets(headOffice);

  // Head office must name an outlet; default to the first real (non head-office) one.
  useEffect(() => {
    if (headOffice && !query.outlet && outlets) {
      const first = outlets.find((o) => !o.is_head_office) ?? outlets[0];
      if (first) update({ outlet: first.code });
    }
  }, [headOffice, query.outlet, outlets, update]);

  const outlet = headOffice ? (query.outlet ?? null) : me.outlet;
  const technicians = useTechnicians(outlet);
  const filters = useMemo(() => toFilters({ ...query, outlet: headOffice ? query.outlet : undefined }), [query, headOffice]);
  const fetchPage = useCallback((cursor?: string) => listWorkOrders({ ...filters, cursor }), [filters]);
  const list = useCursorList(outlet ? fetchPage : null, JSON.stringify(filters));
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
        {canCreateOrder(me.role) && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="new-order" onClick={() => navigate('/work-orders/new')}>
            {t('menu.newOrder')}
          </Button>
        )}
      </PageHeader>
      <ListFilters
        query={query}
        update={update}
        outlets={headOffice ? outlets : null}
        technicians={technicians}
        customersAllowed={canSearchCustomers(me.role)}
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
