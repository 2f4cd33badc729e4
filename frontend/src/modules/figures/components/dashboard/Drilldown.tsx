import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Card, Drawer, Flex, Segmented, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { KPI_CLOCKS, type KpiClock, type KpiOrder } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { pagedOver, ResponsiveTable } from '../../../../components/ResponsiveTable';
import { PriorityTag } from '../../../../components/StatusTags';
import { formatTime } from '../../../../utils/time';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { useKpiOrders } from '../../queries';
import type { DrillTarget } from './kpi';

interface Props {
  target: DrillTarget | null;
  /** The name of the target's scope (outlet or network). */
  scopeName: (scope: string | undefined) => string;
  onChange: (target: DrillTarget) => void;
  onClose: () => void;
}

/** The orders behind a dashboard number, each a link to the order. */
export function Drilldown({ target, scopeName, onChange, onClose }: Props) {
  const { t, te } = useI18n();
  const isMobile = useIsMobile();
  // Keyed by everything the drawer shows: another number's orders never show under this one.
  const query = useMemo(() => {
    if (!target) return null;
    const { metric, month, scope, clock, technician, type, priority } = target;
    const sla = metric === 'sla_met' || metric === 'sla_missed';
    return { metric, month, scope, clock: sla ? (clock ?? KPI_CLOCKS[0]) : undefined, technician, type, priority };
  }, [target]);
  const orders = useKpiOrders(query);
  const items: KpiOrder[] | null = orders.data?.items ?? null;

  const isSla = target?.metric === 'sla_met' || target?.metric === 'sla_missed';
  const subtitle = target
    ? [
        target.month,
        scopeName(target.scope),
        target.technicianName ?? target.technician,
        target.type && te('type', target.type),
        target.priority && te('priority', target.priority),
      ]
        .filter(Boolean)
        .join(' · ')
    : '';

  const columns: TableColumnsType<KpiOrder> = [
    {
      title: t('col.number'),
      dataIndex: 'number',
      key: 'number',
      width: 150,
      render: (n: string, r) => (
        <Link to={`/work-orders/${r.order_id}`} data-testid="drill-link">
          {n}
        </Link>
      ),
    },
    { title: t('col.customer'), dataIndex: 'customer_name', key: 'customer' },
    { title: t('col.technician'), dataIndex: 'technician_name', key: 'technician', width: 100, render: (v: string | null) => v ?? '-' },
    { title: t('col.type'), dataIndex: 'type', key: 'type', width: 100, render: (v: string) => te('type', v) },
    { title: t('col.priority'), dataIndex: 'priority', key: 'priority', width: 80, render: (v: KpiOrder['priority']) => <PriorityTag priority={v} /> },
    { title: t('kpi.drill.at'), dataIndex: 'at', key: 'at', width: 130, render: (v: string | null) => formatTime(v) },
  ];

  return (
    <Drawer
      open={Boolean(target)}
      onClose={onClose}
      width={isMobile ? '100%' : 760}
      title={target ? t(`kpi.metric.${target.metric}`) : ''}
      data-testid="kpi-drilldown"
      destroyOnHidden
    >
      {target && (
        <>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary" data-testid="drill-subtitle">
              {subtitle}
            </Typography.Text>
            {items && (
              <Tag data-testid="drill-count" data-count={items.length}>
                {t('kpi.drill.count', { n: items.length })}
              </Tag>
            )}
          </Flex>
          {isSla && (
            <Flex wrap gap={8} style={{ marginBottom: 12 }}>
              <Select<KpiClock>
                data-testid="drill-clock"
                style={{ minWidth: 140 }}
                value={target.clock ?? KPI_CLOCKS[0]}
                onChange={(clock) => onChange({ ...target, clock })}
                options={KPI_CLOCKS.map((c) => ({ value: c, label: te('clock', c) }))}
              />
              <Segmented<'sla_missed' | 'sla_met'>
                data-testid="drill-sla"
                value={target.metric as 'sla_missed' | 'sla_met'}
                onChange={(metric) => onChange({ ...target, metric })}
                options={[
                  { value: 'sla_missed', label: t('kpi.slaMissed') },
                  { value: 'sla_met', label: t('kpi.slaMet') },
                ]}
              />
            </Flex>
          )}
          <ResponsiveTable<KpiOrder>
            items={items ?? []}
            rowKey="order_id"
            loading={items === null}
            error={orders.error}
            onRetry={() => void orders.refetch()}
            retrying={orders.isFetching}
            tableId="kpi-drilldown"
            empty={t('kpi.drill.empty')}
            columns={columns}
            size="small"
            pagination={pagedOver(items?.length ?? 0, 50)}
            onRow={(r) => ({ 'data-testid': 'drill-order', 'data-number': r.number })}
            renderCard={(r) => (
              <Card size="small" data-testid="drill-order" data-number={r.number} style={{ width: '100%' }}>
                <Flex justify="space-between" align="center" gap={8}>
                  <Link to={`/work-orders/${r.order_id}`} data-testid="drill-link">
                    {r.number}
                  </Link>
                  <PriorityTag priority={r.priority} />
                </Flex>
                <div style={{ wordBreak: 'break-word' }}>
                  {r.customer_name}
                  <Typography.Text type="secondary"> · {te('type', r.type)}</Typography.Text>
                </div>
                <Typography.Text type="secondary">
                  {r.technician_name ?? '-'} · {formatTime(r.at)}
                </Typography.Text>
              </Card>
            )}
          />
        </>
      )}
    </Drawer>
  );
}
