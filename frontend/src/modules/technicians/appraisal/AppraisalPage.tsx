import { useCallback, useState } from 'react';
import { Flex, Skeleton, Typography } from 'antd';
import { useMe } from '../../../api/session';
import { useCan } from '../../../access';
import { ErrorState } from '../../../components/ErrorState';
import { MonthPicker } from '../../../components/MonthPicker';
import { PageHeader } from '../../../components/PageHeader';
import { RefreshButton } from '../../../components/RefreshButton';
import { useI18n } from '../../../i18n';
import { currentMonth, MONTH_RE, previousMonth } from '../../../utils/month';
import { useIsMobile } from '../../../utils/useIsMobile';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { useOutletParam } from '../../directory/useOutletParam';
import { Drilldown } from '../../figures/components/dashboard/Drilldown';
import type { DrillTarget } from '../../figures/components/dashboard/kpi';
import { useScopeName } from '../../figures/queries';
import { Adjustments } from './Adjustments';
import { AppraisalTable, type Drill } from './AppraisalTable';
import { useAppraisal } from './queries';
import { SignOff } from './SignOff';

/**
 * 月度考核: an outlet's month per technician (a manager's own outlet; head office picks one):
 * orders completed, on-time rate per clock, satisfaction, valid complaints, repeat repairs,
 * penalties and rewards, the service allowance base. The counts open the orders behind them
 * (the dashboard's drill-down), complaints and the ledger the person's record. While open the
 * month is computed from the facts each time it is read; a manager of the outlet or head office
 * signs it off once it has ended (asked first, on the version shown), which freezes it:
 * complaints of that month judged later show in a later month as adjustments to signed months.
 * Last month unless the URL says otherwise (the ready-to-sign notice links here with its outlet and month).
 */
export default function AppraisalPage() {
  const { t } = useI18n();
  const me = useMe();
  const can = useCan();
  const isMobile = useIsMobile();
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const { params, setParam, outlet } = useOutletParam(anyOutlet, outlets);
  const thisMonth = currentMonth();
  const monthParam = params.get('month');
  const month = monthParam && MONTH_RE.test(monthParam) && monthParam <= thisMonth ? monthParam : previousMonth(thisMonth);
  const ready = !anyOutlet || Boolean(outlet);
  // keyed by outlet and month: an answer for an earlier choice is never shown for this one
  const query = useAppraisal(outlet, month, ready);
  const appraisal = query.data;
  const [drill, setDrill] = useState<DrillTarget | null>(null);

  const outletLabel = useScopeName(anyOutlet);
  const scopeName = useCallback((scope: string | undefined) => outletLabel(scope ?? me.outlet), [outletLabel, me.outlet]);
  const openDrill = ({ row, metric, clock }: Drill) =>
    setDrill({ metric, clock, month, scope: outlet, technician: row.username, technicianName: row.name });
  const reread = () => void query.refetch();

  return (
    <div style={{ maxWidth: 1400 }} data-testid="appraisal-page" data-month={month} data-outlet={appraisal?.outlet ?? outlet ?? ''}>
      <PageHeader title={t('appraisal.title')}>
        {anyOutlet ? (
          <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="appraisal-outlet" />
        ) : (
          <Typography.Text strong data-testid="appraisal-outlet">
            {scopeName(undefined)}
          </Typography.Text>
        )}
        <MonthPicker
          value={month}
          max={thisMonth}
          onChange={(m) => setParam('month', m)}
          aria-label={t('appraisal.month')}
          data-testid="appraisal-month"
          inputReadOnly={isMobile}
          style={{ width: 130 }}
        />
        <RefreshButton label={t('appraisal.refresh')} loading={query.isFetching} onClick={reread} testId="appraisal-refresh" />
      </PageHeader>
      {query.error && !appraisal ? (
        <ErrorState error={query.error} onRetry={reread} retrying={query.isFetching} />
      ) : !appraisal ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Flex vertical gap={12} data-testid="appraisal" data-state={appraisal.state} data-month={appraisal.month}>
          {/* a failed refresh: the month as last read, and what went wrong */}
          {query.error ? <ErrorState compact stale error={query.error} onRetry={reread} retrying={query.isFetching} /> : null}
          <SignOff appraisal={appraisal} outlet={outlet} outletName={outletLabel(appraisal.outlet, appraisal.outlet_name)} maySign={can('technicians.appraisal.sign')} onStale={reread} />
          {/* the adjustments to signed months before this month's rows: what the signer reads first */}
          <Adjustments month={appraisal.month} adjustments={appraisal.adjustments} />
          <AppraisalTable rows={appraisal.rows} month={appraisal.month} loading={false} onDrill={openDrill} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('appraisal.sources')}
          </Typography.Text>
        </Flex>
      )}
      <Drilldown target={drill} scopeName={scopeName} onChange={setDrill} onClose={() => setDrill(null)} />
    </div>
  );
}
