import type { MouseEvent } from 'react';
import { Card, Typography } from 'antd';
import { EnvironmentOutlined, PhoneOutlined, ClockCircleOutlined, CompassOutlined } from '@ant-design/icons';
import type { WorkOrder, WorkOrderRow } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { formatTime, looksLikeDateTime } from '../../../utils/time';
import { ClockBadges } from '../../../components/ClockBadge';
import { OrderCardHeader } from '../../../components/OrderCardHeader';

/** A whole order (a technician's jobs) or a list row (the list on a phone: no phone, address or
 * visit, which the order's page shows). */
type CardOrder = WorkOrderRow & Partial<WorkOrder>;

interface Props {
  order: CardOrder;
  testId: string;
  onOpen: (order: { id: string }) => void;
  /** A technician's job card: the fault description and the address as a navigation link. */
  job?: boolean;
}

/** Chinese phones navigate with Amap: its web link opens the app when installed, else the map page. */
const amapLink = (address: string) => `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}&callnative=1`;
/** Any other map app (Android's geo: intent, an address search). */
const geoLink = (address: string) => `geo:0,0?q=${encodeURIComponent(address)}`;

/** A work order as a phone-friendly card: no fixed widths, long text wraps. */
export function OrderCard({ order, testId, onOpen, job = false }: Props) {
  const { t, te } = useI18n();
  // the visit agreed with the customer, as the API reads it (voided by a later dispatch)
  const visitAt = order.agreed_visit_at;
  const stop = (e: MouseEvent) => e.stopPropagation();
  return (
    <Card size="small" hoverable data-testid={testId} onClick={() => onOpen(order)} style={{ width: '100%' }}>
      <OrderCardHeader number={order.number} priority={order.priority} state={order.state} />
      {(order.clocks ?? []).length > 0 && (
        <div style={{ marginTop: 6 }}>
          <ClockBadges clocks={order.clocks} />
        </div>
      )}
      <div style={{ marginTop: 8, wordBreak: 'break-word' }}>
        <div>
          <Typography.Text>{order.customer_name}</Typography.Text>
          <Typography.Text type="secondary"> · {te('type', order.type)}</Typography.Text>
        </div>
        {job && (
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '2px 0' }} data-testid="job-description">
            <Typography.Text type="secondary">
              {t('myJobs.fault')}
              {t('common.colon')}
            </Typography.Text>
            {order.description}
          </Typography.Paragraph>
        )}
        {looksLikeDateTime(visitAt) && (
          <div data-testid="job-visit">
            <ClockCircleOutlined /> {t('myJobs.visitAt')}
            {t('common.colon')}
            <Typography.Text strong={job}>{formatTime(visitAt)}</Typography.Text>
          </div>
        )}
        {order.customer_phone && (
          <div>
            <PhoneOutlined />{' '}
            <a href={`tel:${order.customer_phone}`} onClick={stop}>
              {order.customer_phone}
            </a>
          </div>
        )}
        {(order.site_address || order.site_name) && !job && (
          <div>
            <EnvironmentOutlined /> {[order.site_name, order.site_address].filter(Boolean).join(' · ')}
          </div>
        )}
        {order.site_address && job && (
          <div>
            <EnvironmentOutlined />{' '}
            <a href={amapLink(order.site_address)} target="_blank" rel="noopener noreferrer" onClick={stop} data-testid="job-map-link" title={t('myJobs.navigate')}>
              {order.site_name ? `${order.site_name} · ` : ''}
              {order.site_address}
            </a>{' '}
            <a href={geoLink(order.site_address)} onClick={stop} data-testid="job-geo-link" style={{ whiteSpace: 'nowrap' }}>
              <CompassOutlined /> {t('myJobs.otherMap')}
            </a>
          </div>
        )}
      </div>
    </Card>
  );
}
