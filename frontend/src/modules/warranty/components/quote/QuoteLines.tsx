import { Flex, List, Tag, Typography } from 'antd';
import { useI18n } from '../../../../i18n';
import { formatFen } from '../../../../utils/money';
import type { PublicQuoteLine, QuoteLine, QuoteState } from './types';

const STATE_COLORS: Record<QuoteState, string> = {
  draft: 'default',
  pending_approval: 'gold',
  approved: 'blue',
  confirmed: 'green',
  refused: 'red',
  released: 'purple',
};

export function QuoteStateTag({ state }: { state: string }) {
  const { tk } = useI18n();
  return (
    <Tag color={STATE_COLORS[state as QuoteState] ?? 'default'} data-testid="quote-state" data-state={state} style={{ marginInlineEnd: 0 }}>
      {tk(`quote_state.${state}`, state)}
    </Tag>
  );
}

interface Props {
  /** Staff see each line's list price and approval reason; the customer does not. */
  lines: (PublicQuoteLine & Partial<Pick<QuoteLine, 'list_price_fen' | 'needs_approval'>>)[];
  total_fen: number;
  charge_fen: number;
  /** Show why a line needs a manager's approval (staff only). */
  showApproval?: boolean;
}

/**
 * A quote's lines as the server priced them: quantity × unit price, the amount, what the
 * customer pays for it (0 where the warranty covers it), and the totals. Every figure is the
 * server's fen, formatted; nothing is added up here. A list: it reads the same on a phone.
 */
export function QuoteLines({ lines, total_fen, charge_fen, showApproval = false }: Props) {
  const { t, te, tk } = useI18n();
  return (
    <div data-testid="quote-lines">
      <List
        size="small"
        dataSource={lines}
        renderItem={(line, i) => (
          <List.Item key={i} data-testid={`quote-line-${i}`} style={{ display: 'block' }}>
            <Flex justify="space-between" gap={8} wrap>
              <div style={{ minWidth: 0, wordBreak: 'break-word' }}>
                <Typography.Text strong>{tk(`quote_line_kind.${line.kind}`, line.kind)}</Typography.Text>
                {line.component && <Typography.Text type="secondary"> · {line.component}</Typography.Text>}
                {line.description && <div>{line.description}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {line.quantity} × {formatFen(line.unit_price_fen)}
                  {line.list_price_fen !== null && line.list_price_fen !== undefined && ` (${t('quoteCard.listPrice')} ${formatFen(line.list_price_fen)})`}
                </Typography.Text>
                {showApproval && line.needs_approval && (
                  <div>
                    <Tag color="gold" data-testid={`quote-line-approval-${i}`}>
                      {te('quote_approval_reason', line.needs_approval)}
                    </Tag>
                  </div>
                )}
              </div>
              <div style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                <div data-testid={`quote-line-amount-${i}`}>{formatFen(line.amount_fen)}</div>
                <Typography.Text type={line.charge_fen === 0 ? 'success' : undefined} style={{ fontSize: 12 }} data-testid={`quote-line-charge-${i}`}>
                  {line.covered
                    ? t('quoteCard.free')
                    : line.waive
                      ? t('quoteCard.waived')
                      : `${t('quoteCard.charge')} ${formatFen(line.charge_fen)}`}
                </Typography.Text>
              </div>
            </Flex>
          </List.Item>
        )}
      />
      <Flex justify="flex-end" gap={16} wrap style={{ marginTop: 8 }}>
        <span>
          {t('quoteCard.total')}
          {t('common.colon')}
          <span data-testid="quote-total">{formatFen(total_fen)}</span>
        </span>
        <Typography.Text strong>
          {t('quoteCard.chargeTotal')}
          {t('common.colon')}
          <span data-testid="quote-charge">{formatFen(charge_fen)}</span>
        </Typography.Text>
      </Flex>
    </div>
  );
}
