import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import type { OrderCardProps } from '../../../../app/area';
import { useI18n } from '../../../../i18n';

/**
 * On a repair order opened from an inspection's fault: 来自巡检 <number>, linking back to the
 * inspection, with the item found faulty. Nothing on any other order.
 */
export default function FromInspectionCard({ order }: OrderCardProps) {
  const { t } = useI18n();
  const from = order.from_inspection;
  if (!from) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="order-from-inspection"
      message={
        <span>
          {t('inspections.fromInspection')}{' '}
          <Link to={`/work-orders/${from.order_id}`} data-testid="order-from-inspection-link">
            {from.number}
          </Link>
        </span>
      }
      description={<span style={{ wordBreak: 'break-word' }}>{from.text}</span>}
    />
  );
}
