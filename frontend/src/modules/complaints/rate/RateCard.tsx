import { Link } from 'react-router-dom';
import { Card } from 'antd';
import { NETWORK_SCOPE } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { previousMonth } from '../../../utils/month';
import { RateView } from './RateView';

interface Props {
  /** The dashboard's scope: an outlet or NETWORK (head office); undefined for a manager. */
  scope: string | undefined;
  scopeName: string;
  /** The dashboard's month; the month under way has no rate yet, so its card shows the one before. */
  month: string;
  currentMonth: string;
}

/** 投诉率 on the figures dashboard: the month's valid complaints, accepted orders and rate, by
 * kind and department, each figure opening the complaints behind it. */
export function ComplaintRateCard({ scope, scopeName, month, currentMonth }: Props) {
  const { t } = useI18n();
  const shown = month >= currentMonth ? previousMonth(currentMonth) : month;
  const query = new URLSearchParams({ month: shown, ...(scope && { outlet: scope }) });
  return (
    <Card
      size="small"
      title={t('cmpRate.cardTitle', { scope: scope === NETWORK_SCOPE ? t('cmpRate.network') : scopeName, month: shown })}
      extra={<Link to={`/complaints/rate?${query.toString()}`} data-testid="rate-card-open">{t('cmpRate.openPage')}</Link>}
      data-testid="rate-card"
      style={{ marginBottom: 16 }}
    >
      <RateView scope={scope} month={shown} compact />
    </Card>
  );
}
