import { Card, Descriptions, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { Link } from 'react-router-dom';
import { useCan } from '../../../../access';
import type { WorkOrderDetail } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { formatTime } from '../../../../utils/time';

interface Props {
  order: WorkOrderDetail;
  nameOf: (username: string) => string;
  /** A job class's name (head office's table). */
  jobClassName: (code: string) => string;
}

/** The order's own facts: one column on phones, up to three on wide screens. */
export function OrderInfo({ order, nameOf, jobClassName }: Props) {
  const { t, te } = useI18n();
  const can = useCan();
  const unitPage = order.equipment_id && can('warranty.units.read') ? `/customers/${order.customer_id}/units/${order.equipment_id}` : null;
  const items: DescriptionsProps['items'] = [
    { key: 'customer', label: t('wo.customer'), children: order.customer_name },
    {
      key: 'phone',
      label: t('wo.phone'),
      children: order.customer_phone ? <a href={`tel:${order.customer_phone}`}>{order.customer_phone}</a> : '-',
    },
    { key: 'site', label: t('wo.site'), children: order.site_name || '-' },
    { key: 'address', label: t('wo.address'), children: order.site_address || '-' },
    {
      key: 'equipment',
      label: t('wo.equipment'),
      // the unit page: its terms, service record and photos
      children: unitPage ? <Link to={unitPage} data-testid="order-unit-link">{order.equipment_label}</Link> : order.equipment_label || '-',
    },
    { key: 'type', label: t('wo.type'), children: te('type', order.type) },
    { key: 'channel', label: t('wo.channel'), children: te('channel', order.channel) },
    { key: 'coverage', label: t('wo.coverage'), children: te('coverage', order.coverage) },
    {
      key: 'job_class',
      label: t('wo.job_class'),
      children: (
        <span data-testid="order-job-class" data-job-class={order.job_class ?? ''}>
          {order.job_class ? jobClassName(order.job_class) : t('jobClasses.none')}
        </span>
      ),
    },
    {
      key: 'technician',
      label: t('wo.technician'),
      children: (
        <span data-testid="order-technician" data-username={order.technician ?? ''}>
          {order.technician_name ?? (order.technician ? nameOf(order.technician) : '-')}
        </span>
      ),
    },
    { key: 'helpers', label: t('wo.helpers'), children: order.helpers.length ? order.helpers.map(nameOf).join('、') : '-' },
    {
      key: 'distance',
      label: t('wo.distance'),
      children: (
        <span data-testid="order-distance">
          {order.distance_km === null || order.distance_km === undefined
            ? t('wo.distanceUnknown')
            : t('wo.km', { km: order.distance_km }) + (order.distance_source ? t('wo.distanceSource', { source: te('distanceSource', order.distance_source) }) : '')}
        </span>
      ),
    },
    { key: 'created', label: t('wo.created'), children: formatTime(order.created_at) },
    { key: 'fault_started_at', label: t('wo.fault_started_at'), children: formatTime(order.fault_started_at) },
    {
      key: 'description',
      label: t('wo.description'),
      span: 'filled',
      children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{order.description}</Typography.Paragraph>,
    },
  ];
  if (order.impact) items.push({ key: 'impact', label: t('wo.impact'), span: 'filled', children: order.impact });
  if (order.cancel_reason) items.push({ key: 'cancel_reason', label: t('wo.cancel_reason'), span: 'filled', children: order.cancel_reason });

  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Descriptions items={items} column={{ xs: 1, sm: 1, md: 2, lg: 3 }} size="small" data-testid="order-info" />
    </Card>
  );
}
