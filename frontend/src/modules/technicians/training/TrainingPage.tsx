import { Tabs } from 'antd';
import { useCan } from '../../../access';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { useOutletParam } from '../../directory/useOutletParam';
import { PlansTab } from './PlansTab';
import { ProposalsTab } from './ProposalsTab';
import { SessionsTab } from './SessionsTab';

type TabKey = 'sessions' | 'plans' | 'proposals';
const TABS: TabKey[] = ['sessions', 'plans', 'proposals'];

/**
 * 培训管理: an outlet's training sessions (each opens its page, where the results are recorded),
 * the annual training plans (the outlet's and the network's), and the penalties proposed for an
 * absence, waiting for the manager. A manager sees their own outlet; head office picks one. The
 * tab and the outlet are kept in the URL.
 */
export default function TrainingPage() {
  const { t } = useI18n();
  const can = useCan();
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const { params, setParam, outlet } = useOutletParam(anyOutlet, outlets);
  const ready = !anyOutlet || Boolean(outlet);
  const param = params.get('tab') as TabKey | null;
  const tab: TabKey = param && TABS.includes(param) ? param : 'sessions';

  return (
    <div style={{ maxWidth: 1200 }} data-testid="training-page">
      <PageHeader title={t('training.menu')}>
        {anyOutlet && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="training-outlet" />}
      </PageHeader>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key)}
        destroyOnHidden
        items={TABS.map((key) => ({
          key,
          label: <span data-testid={`training-tab-${key}`}>{t(`training.tab.${key}`)}</span>,
          children:
            key === 'sessions' ? (
              <SessionsTab outlet={outlet} ready={ready} />
            ) : key === 'plans' ? (
              <PlansTab outlet={outlet} ready={ready} />
            ) : (
              <ProposalsTab outlet={outlet} ready={ready} />
            ),
        }))}
      />
    </div>
  );
}
