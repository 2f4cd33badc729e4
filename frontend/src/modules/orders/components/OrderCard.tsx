import { Card, Typography } from 'antd';
import { EnvironmentOutlined, PhoneOutlined, ClockCircleOutlined } from '@ant-design/icons';
import type { WorkOrder } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { formatTime, looksLikeDateTime } from '../../../utils/time';
import { ClockBadges } from '../../../components/ClockBadge';
import { OrderCardHeader } from '../../../components/OrderCardHeader';

interface Props {
  order: WorkOrder;
  testId: string;
  onOpen: (order: WorkOrder) => void;
}

/** A work order as a phone-friendly card: no fixed widths, long text wraps. */
export function OrderCard({ order, testId, onOpen }: Props) {
  const { t, te } = useI18n();
  const visitAt = order.contact?.visit_at;
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
        {order.customer_phone && (
          <div>
            <PhoneOutlined />{' '}
            <a href={`tel:${order.customer_phone}`} onClick={(e) => e.stopPropagation()}>
              {order.customer_phone}
            </a>
          </div>
        )}
        {order.site_address && (
          <div>
            <EnvironmentOutlined /> {order.site_name ? `${order.site_name} · ` : ''}
            {order.site_address}
          </div>
        )}
        {looksLikeDateTime(visitAt) && (
          <div>
            <ClockCircleOutlined /> {t('myJobs.visitAt')}
            {t('common.colon')}
            {formatTime(visitAt)}
          </div>
        )}
      </div>
    </Card>
  );
}
