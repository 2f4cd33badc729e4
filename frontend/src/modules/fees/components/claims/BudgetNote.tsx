import { Alert, Button } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../../api/client';
import { useCan } from '../../../../access';
import { useI18n } from '../../../../i18n';
import { formatFen } from '../../../../utils/money';
import type { BudgetCategory, ClaimBudget } from '../../types';

/** A 409 budget_exceeded: the category and what remains of it (the server's figures). */
export interface BudgetRefusal {
  category: BudgetCategory | null;
  remaining_fen: number | null;
  message: string;
}

export function refusalOf(err: unknown): BudgetRefusal | null {
  if (!(err instanceof ApiError) || err.status !== 409 || err.code !== 'budget_exceeded') return null;
  const d = err.details;
  return {
    category: typeof d.category === 'string' ? (d.category as BudgetCategory) : null,
    remaining_fen: typeof d.remaining_fen === 'number' ? d.remaining_fen : null,
    message: err.message,
  };
}

/** The claim's category budget: what remains (read now, while not approved), a warning when the
 * claim would exceed a stopping budget; after approval what was booked. */
export function BudgetNote({ budget }: { budget: ClaimBudget }) {
  const { t } = useI18n();
  const category = t(`budget_category.${budget.category}`);
  if (budget.booked_fen !== undefined && budget.booked_fen !== null) {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 8 }}
        data-testid="claim-budget"
        data-booked={budget.booked_fen}
        message={t('claims.budgetBooked', { category, year: budget.year, amount: formatFen(budget.booked_fen) })}
      />
    );
  }
  if (budget.remaining_fen === null) {
    return <Alert type="info" showIcon style={{ marginBottom: 8 }} data-testid="claim-budget" message={t('claims.budgetNone', { category, year: budget.year })} />;
  }
  return (
    <Alert
      type={budget.would_exceed ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 8 }}
      data-testid="claim-budget"
      data-remaining={budget.remaining_fen}
      data-would-exceed={budget.would_exceed ? 'yes' : 'no'}
      message={t('claims.budget', { category, year: budget.year, remaining: formatFen(budget.remaining_fen) })}
      description={budget.would_exceed ? t('claims.budgetWouldExceed') : undefined}
    />
  );
}

/** The refusal of a budget that would be exceeded: what remains, and the way to a 费用增加申请
 * (the budget page of the outlet's year, where the manager files it). */
export function ExceededAlert({ refusal, outlet, year, onClose }: { refusal: BudgetRefusal; outlet?: string; year?: number; onClose: () => void }) {
  const { t } = useI18n();
  const can = useCan();
  const query = new URLSearchParams();
  if (outlet) query.set('outlet', outlet);
  if (year) query.set('year', String(year));
  return (
    <Alert
      type="error"
      showIcon
      closable
      onClose={onClose}
      style={{ marginBottom: 12 }}
      data-testid="claim-exceeded"
      message={t('claims.exceeded', {
        category: refusal.category ? t(`budget_category.${refusal.category}`) : '',
        remaining: formatFen(refusal.remaining_fen),
      })}
      description={refusal.message}
      action={
        can('fees.budgets.read') && (
        <Link to={`/budgets?${query.toString()}`} data-testid="claim-exceeded-budgets">
          <Button size="small">{t('claims.exceededAction')}</Button>
        </Link>
        )
      }
    />
  );
}
