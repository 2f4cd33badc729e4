import { Alert } from 'antd';
import { useI18n } from '../../../../i18n';
import { SETTLED, type QuoteOrder } from './types';

/** Whether the order may not be dispatched yet for want of the customer's confirmation. */
export const awaitsConfirmation = (order: QuoteOrder) => Boolean(order.quote_required) && !SETTLED.includes(order.quote?.state ?? 'draft');

/** Beside the dispatch button: the paid order waits for the customer to confirm its quote. */
export function QuoteHint({ order }: { order: QuoteOrder }) {
  const { t } = useI18n();
  if (!awaitsConfirmation(order)) return null;
  return <Alert type="warning" showIcon style={{ marginBottom: 8 }} data-testid="quote-hint" message={t('quoteCard.awaitsCustomer')} />;
}
