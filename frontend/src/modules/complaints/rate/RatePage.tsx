import { Typography } from 'antd';
import { useMe } from '../../../api/session';
import { NETWORK_SCOPE } from '../../../api/types';
import { useCan } from '../../../access';
import { MonthPicker } from '../../../components/MonthPicker';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { outletName } from '../../directory/outletName';
import { useOutlets } from '../../directory/queries';
import { currentMonth, MONTH_RE, previousMonth } from '../../../utils/month';
import { useUrlParams } from '../../../utils/useUrlParams';
import { RateView } from './RateView';

/**
 * 月度投诉率: a month's valid complaints ÷ accepted orders of the manager's outlet, or for head
 * office of any outlet or the network (全网); last month unless the user picks another.
 */
export default function RatePage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const anyOutlet = useCan()('directory.all_outlets');
  const outlets = useOutlets();
  const { params, setParam } = useUrlParams();
  const lastMonth = previousMonth(currentMonth());
  const monthParam = params.get('month');
  const month = monthParam && MONTH_RE.test(monthParam) && monthParam <= lastMonth ? monthParam : lastMonth;
  const scope = anyOutlet ? (params.get('outlet') ?? NETWORK_SCOPE) : undefined;
  const own = outlets?.find((o) => o.code === me.outlet);

  return (
    <div style={{ maxWidth: 1200 }} data-testid="rate-page">
      <PageHeader title={t('cmpRate.title')}>
        {anyOutlet ? (
          <OutletSelect outlets={outlets} value={scope} onChange={(code) => setParam('outlet', code)} testId="rate-scope" extra={[{ value: NETWORK_SCOPE, label: t('cmpRate.network') }]} />
        ) : (
          <Typography.Text strong data-testid="rate-scope">
            {own ? outletName(own, lang) : me.outlet}
          </Typography.Text>
        )}
        <MonthPicker value={month} max={lastMonth} onChange={(m) => setParam('month', m)} aria-label={t('cmpRate.month')} data-testid="rate-month" style={{ width: 130 }} />
      </PageHeader>
      <RateView scope={scope} month={month} />
    </div>
  );
}
