import type { HTMLAttributes } from 'react';
import { Progress, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n } from '../../../../i18n';
import { formatFen } from '../../../../utils/money';
import { BUDGET_CATEGORIES, type Budget, type BudgetCategory, type BudgetFigures } from '../../types';

/**
 * The budget's use in whole percent, rounded down: from the fen figures themselves (exact
 * integers), not from the server's rate (rounded to 4 decimals: 79.996 % reads 0.8 there, which
 * is not yet 80 %). Spent without any ceiling counts as used up.
 */
export function usedPercent(f: BudgetFigures): number {
  const ceiling = f.limit_fen + f.raised_fen;
  const spent = Math.max(f.spent_fen, 0);
  if (ceiling <= 0) return spent > 0 ? 100 : 0;
  // integers below 2^53: the quotient's floor is exact (a non-integer is ≥ 1/ceiling from one)
  return Math.floor((spent * 100) / ceiling);
}

/** Where a category stands, from the same floored figure as its bar: used up (100 %), warned (80 %), fine. */
export function budgetLevel(f: BudgetFigures): 'over' | 'warn' | 'ok' {
  const percent = usedPercent(f);
  if (percent >= 100) return 'over';
  return percent >= 80 ? 'warn' : 'ok';
}

interface Row extends BudgetFigures {
  key: BudgetCategory | 'total';
}

function Used({ figures, testId }: { figures: BudgetFigures; testId: string }) {
  const { t } = useI18n();
  const level = budgetLevel(figures);
  const percent = usedPercent(figures);
  return (
    <div data-testid={testId} data-level={level} data-percent={percent} style={{ minWidth: 140 }}>
      <Progress
        percent={Math.min(percent, 100)}
        size="small"
        status={level === 'over' ? 'exception' : 'normal'}
        strokeColor={level === 'warn' ? '#fa8c16' : undefined}
        format={() => `${percent}%`}
      />
      {level !== 'ok' && (
        <Tag color={level === 'over' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
          {level === 'over' ? t('budget.levelOver') : t('budget.levelWarn')}
        </Tag>
      )}
    </div>
  );
}

/** An outlet's year per category: limit, raised (追加), spent, remaining, used with its bar. */
export function BudgetTable({ budget }: { budget: Budget }) {
  const { t, te } = useI18n();
  const zero: BudgetFigures = { limit_fen: 0, raised_fen: 0, spent_fen: 0, remaining_fen: 0, used_rate: 0 };
  const rows: Row[] = [
    ...BUDGET_CATEGORIES.map((c) => ({ key: c, ...(budget.categories[c] ?? zero) })),
    { key: 'total' as const, ...budget.total },
  ];
  const money = (field: keyof BudgetFigures) => (_: unknown, r: Row) => (
    <Typography.Text strong={r.key === 'total'} type={field === 'remaining_fen' && r.limit_fen + r.raised_fen > 0 && r.remaining_fen <= 0 ? 'danger' : undefined} data-testid={`budget-${r.key}-${field.replace('_fen', '')}`}>
      {formatFen(r[field])}
    </Typography.Text>
  );
  const columns: TableColumnsType<Row> = [
    {
      key: 'category',
      title: t('budget.category'),
      width: 130,
      fixed: 'left',
      render: (_, r) => (r.key === 'total' ? <Typography.Text strong>{t('budget.total')}</Typography.Text> : te('budget_category', r.key)),
    },
    { key: 'limit', title: t('budget.limit'), align: 'right', render: money('limit_fen') },
    { key: 'raised', title: t('budget.raised'), align: 'right', render: money('raised_fen') },
    { key: 'spent', title: t('budget.spent'), align: 'right', render: money('spent_fen') },
    { key: 'remaining', title: t('budget.remaining'), align: 'right', render: money('remaining_fen') },
    { key: 'used', title: t('budget.used'), width: 180, render: (_, r) => <Used figures={r} testId={`budget-${r.key}-used`} /> },
  ];
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      pagination={false}
      columns={columns}
      dataSource={rows}
      scroll={{ x: 760 }}
      data-testid="budget-table"
      onRow={(r) => ({ 'data-testid': `budget-row-${r.key}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
