import { useState } from 'react';
import dayjs from 'dayjs';
import { Button, Card, Empty, Flex, Select, Tag, Typography } from 'antd';
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useCan } from '../../../access';
import { useMe } from '../../../api/session';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { RefreshButton } from '../../../components/RefreshButton';
import { useI18n } from '../../../i18n';
import { formatFen } from '../../../utils/money';
import { DISPLAY_TZ, formatTime } from '../../../utils/time';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { outletName } from '../../directory/outletName';
import { useOutlets } from '../../directory/queries';
import { useOutletParam } from '../../directory/useOutletParam';
import { BudgetRequestModal, DecideRequestModal, SetBudgetModal, SpendForm } from '../components/budgets/BudgetForms';
import { BudgetTable } from '../components/budgets/BudgetTable';
import { feeKeys, useBudgetRequests, useBudgets } from '../queries';
import type { Budget, BudgetCategory, BudgetRequest, BudgetRequestState } from '../types';

const REQUEST_COLORS: Record<BudgetRequestState, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

/** The year it is now in a time zone (an outlet's: its budget year turns at its midnight, as the server's). */
const yearIn = (zone: string) => dayjs().tz(zone).year();

/** The years offered: a few back and ahead of this one, and the one in the URL. */
function yearOptions(current: number, chosen: string): string[] {
  const years = new Set<string>();
  for (let y = current - 2; y <= current + 5; y += 1) years.add(String(y));
  if (/^20\d\d$/.test(chosen)) years.add(chosen);
  return [...years].sort();
}

/**
 * 预算管理: an outlet's yearly budget per category (limit, raised by approved 费用增加申请,
 * spent, remaining, used with its 80 % / 100 % state). A manager sees their outlet's, books a
 * spend and files a 费用增加申请; head office picks the outlet and the year, sets the limits and
 * the stop flag and decides the requests.
 */
export default function BudgetsPage() {
  const { t, te, lang } = useI18n();
  const can = useCan();
  const me = useMe();
  const client = useQueryClient();
  const anyOutlet = can('directory.all_outlets');
  // head office picks among every outlet; a manager reads their own (for its time zone)
  const outlets = useOutlets();
  const { params, setParam, outlet: picked } = useOutletParam(anyOutlet, outlets);
  // a manager's outlet is their own (the API's default); head office names one
  const outlet = anyOutlet ? picked : me.outlet;
  const chosenOutlet = outlets?.find((o) => o.code === outlet);
  // "this year" is the outlet's (its time zone, as the server counts it), not the browser's
  const thisYear = yearIn(chosenOutlet?.timezone || DISPLAY_TZ);
  const yearParam = params.get('year') ?? '';
  const yearGiven = /^20\d\d$/.test(yearParam);
  const year = yearGiven ? yearParam : String(thisYear);
  // without a year in the address, wait for the outlet (its zone decides the year)
  const ready = Boolean(outlet) && (yearGiven || outlets !== null);
  const budgets = useBudgets(anyOutlet ? picked : undefined, year, ready);
  const requests = useBudgetRequests(outlet, year, ready);
  const [form, setForm] = useState<'set' | 'request' | null>(null);
  // the budget as shown when 设定预算 opened: its limits and version go together (a read meanwhile moves neither)
  const [setting, setSetting] = useState<Budget | null>(null);
  const [requestCategory, setRequestCategory] = useState<BudgetCategory | undefined>();
  const [deciding, setDeciding] = useState<{ request: BudgetRequest; decision: 'approve' | 'reject' } | null>(null);

  const budget = budgets.data?.items.find((b) => b.outlet === outlet) ?? budgets.data?.items[0] ?? null;
  const name = budget?.outlet_name ?? (chosenOutlet ? outletName(chosenOutlet, lang) : (outlet ?? ''));
  const reread = () => {
    void client.invalidateQueries({ queryKey: feeKeys.budgets(anyOutlet ? picked : undefined, year) });
    void client.invalidateQueries({ queryKey: feeKeys.requests(outlet, year) });
  };
  const openRequest = (category?: BudgetCategory) => {
    setRequestCategory(category);
    setForm('request');
  };

  return (
    <div style={{ maxWidth: 1200 }}>
      <PageHeader title={t('menu.budgets')}>
        {anyOutlet && <OutletSelect outlets={outlets} value={picked} onChange={(code) => setParam('outlet', code)} testId="budget-outlet" />}
        <Select
          data-testid="budget-year"
          style={{ width: 110 }}
          value={year}
          onChange={(y: string) => setParam('year', y)}
          options={yearOptions(thisYear, yearParam).map((y) => ({ value: y, label: t('budget.yearOption', { year: y }) }))}
        />
        {can('fees.budgets.write') && ready && (
          <Button icon={<SettingOutlined />} onClick={() => {
              setSetting(budget);
              setForm('set');
            }} disabled={!budgets.data} data-testid="budget-set">
            {t('budget.set')}
          </Button>
        )}
        {can('fees.budgets.request') && ready && (
          <Button icon={<PlusOutlined />} onClick={() => openRequest()} data-testid="budget-request">
            {t('budget.fileRequest')}
          </Button>
        )}
        <RefreshButton label={t('budget.refresh')} loading={budgets.isFetching || requests.isFetching} onClick={reread} testId="budget-refresh" />
      </PageHeader>

      <Card
        size="small"
        style={{ marginBottom: 16 }}
        data-testid="budget-card"
        data-version={budget?.version}
        title={
          <Flex gap={8} align="center" wrap>
            {t('budget.cardTitle', { outlet: name, year })}
            {budget?.stop && (
              <Tag color="red" data-testid="budget-stop-tag" style={{ marginInlineEnd: 0 }}>
                {t('budget.stopOn')}
              </Tag>
            )}
          </Flex>
        }
      >
        {budgets.error && !budgets.data ? (
          <ErrorState error={budgets.error} onRetry={() => void budgets.refetch()} retrying={budgets.isFetching} />
        ) : !budgets.data ? (
          <Typography.Text type="secondary">…</Typography.Text>
        ) : budget ? (
          <BudgetTable budget={budget} />
        ) : (
          <Empty description={t('budget.none')} data-testid="budget-none" />
        )}
      </Card>

      {ready && outlet && budget && can('fees.budgets.spend') && (
        <Card size="small" title={t('budget.spendTitle')} style={{ marginBottom: 16 }} data-testid="budget-spend">
          <SpendForm outlet={outlet} year={year} onRequest={can('fees.budgets.request') ? openRequest : undefined} />
        </Card>
      )}

      <Card size="small" title={t('budget.requests')} data-testid="budget-requests">
        {requests.error && !requests.data ? (
          <ErrorState error={requests.error} onRetry={() => void requests.refetch()} retrying={requests.isFetching} compact />
        ) : (requests.data?.items ?? []).length === 0 ? (
          <Typography.Text type="secondary" data-testid="budget-requests-none">
            {requests.isPending && ready ? '…' : t('budget.noRequests')}
          </Typography.Text>
        ) : (
          <Flex vertical gap={8}>
            {requests.data!.items.map((r) => (
              <div key={r.id} data-testid={`budget-request-${r.id}`} data-state={r.state} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 6 }}>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <span>
                    <Typography.Text strong>{te('budget_category', r.category)}</Typography.Text> +{formatFen(r.amount_fen)}
                  </span>
                  <Tag color={REQUEST_COLORS[r.state]} data-testid="budget-request-state" style={{ marginInlineEnd: 0 }}>
                    {te('budget_request_state', r.state)}
                  </Tag>
                </Flex>
                <div style={{ wordBreak: 'break-word' }}>{r.reason}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('budget.filedBy', { name: r.filed_by_name ?? r.filed_by ?? '', time: formatTime(r.filed_at) })}
                  {r.decided_at ? ` · ${t('budget.decidedBy', { name: r.decided_by_name ?? r.decided_by ?? '', time: formatTime(r.decided_at) })}` : ''}
                  {r.note ? ` · ${r.note}` : ''}
                </Typography.Text>
                {r.state === 'pending' && can('fees.budgets.decide') && (
                  <Flex gap={8} style={{ marginTop: 4 }}>
                    <Button size="small" type="primary" onClick={() => setDeciding({ request: r, decision: 'approve' })} data-testid="budget-request-approve">
                      {t('budget.approve')}
                    </Button>
                    <Button size="small" danger onClick={() => setDeciding({ request: r, decision: 'reject' })} data-testid="budget-request-reject">
                      {t('budget.reject')}
                    </Button>
                  </Flex>
                )}
              </div>
            ))}
          </Flex>
        )}
      </Card>

      {form === 'set' && outlet && (
        <SetBudgetModal outlet={outlet} year={year} budget={setting} outletName={name} onClose={() => setForm(null)} onStale={reread} />
      )}
      {form === 'request' && outlet && <BudgetRequestModal outlet={outlet} year={year} category={requestCategory} onClose={() => setForm(null)} />}
      {deciding && outlet && (
        <DecideRequestModal outlet={outlet} year={year} request={deciding.request} decision={deciding.decision} onClose={() => setDeciding(null)} onStale={reread} />
      )}
    </div>
  );
}
