import { Alert, Button, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { WorkOrder } from '../../../api/types';
import { StateTag } from '../../../components/StatusTags';
import { useI18n, type I18n } from '../../../i18n';
import { useNow } from '../../../utils/now';
import { formatTime } from '../../../utils/time';
import { useOpenOrders } from '../queries';

interface Props {
  customer?: string;
  site?: string;
  equipment?: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago an order was recorded: "3 天前" / "3 days ago". */
export function ageOf(t: I18n['t'], createdAt: string, now: number): string {
  const elapsed = Math.max(0, now - Date.parse(createdAt));
  if (elapsed < MINUTE) return t('new.age.now');
  if (elapsed < HOUR) return t('new.age.minutes', { n: Math.floor(elapsed / MINUTE) });
  if (elapsed < DAY) return t('new.age.hours', { n: Math.floor(elapsed / HOUR) });
  const days = Math.floor(elapsed / DAY);
  return days === 1 ? t('new.age.day') : t('new.age.days', { n: days });
}

/**
 * The intake's duplicate warning: the unfinished orders of the unit picked, else of the site,
 * else of the customer (number, state, age, a link that opens in a new tab so the form stays).
 * A warning, never a block: the form can still be submitted.
 */
export function OpenOrdersWarning({ customer, site, equipment }: Props) {
  const { t } = useI18n();
  const now = useNow();
  const { data, isError, isFetching, refetch } = useOpenOrders({ customer, site, equipment });
  const orders: WorkOrder[] = data?.items ?? [];
  // the lookup failed: say that no check was made (silence would read as "none open")
  if (customer && isError && !data) {
    return (
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }} data-testid="open-orders-failed">
        {t('new.openOrdersFailed')}{' '}
        <Button type="link" size="small" style={{ padding: 0 }} loading={isFetching} onClick={() => void refetch()} data-testid="open-orders-retry">
          {t('new.openOrdersRetry')}
        </Button>
      </Typography.Text>
    );
  }
  if (!customer || orders.length === 0) return null;
  const scope = equipment ? 'equipment' : site ? 'site' : 'customer';

  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 16 }}
      data-testid="open-orders"
      data-scope={scope}
      message={t(`new.openOrders.${scope}`, { count: orders.length })}
      description={
        <Flex vertical gap={4}>
          {orders.map((order) => (
            <Flex key={order.id} wrap gap={8} align="center" data-testid="open-order" data-number={order.number}>
              <Link to={`/work-orders/${order.id}`} target="_blank" rel="noopener">
                <Typography.Text strong>{order.number}</Typography.Text>
              </Link>
              <StateTag state={order.state} />
              <Typography.Text type="secondary" title={formatTime(order.created_at)} data-testid="open-order-age">
                {ageOf(t, order.created_at, now)}
              </Typography.Text>
              <Typography.Text ellipsis style={{ maxWidth: 360 }} title={order.description}>
                {[order.site_name, order.equipment_label, order.description].filter(Boolean).join(' · ')}
              </Typography.Text>
            </Flex>
          ))}
          <Typography.Text type="secondary">{t('new.openOrdersHint')}</Typography.Text>
        </Flex>
      }
    />
  );
}
