import { useNavigate } from 'react-router-dom';
import { Button, Card, Flex, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useCan } from '../../../access';
import { useMe } from '../../../api/session';
import { ClockBadges } from '../../../components/ClockBadge';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveTable, listState } from '../../../components/ResponsiveTable';
import { VocabularyTag } from '../../../components/StatusTags';
import { useI18n } from '../../../i18n';
import { isActiveClock } from '../../../utils/sla';
import { formatTime } from '../../../utils/time';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { useOutletParam } from '../../directory/useOutletParam';
import { useConsultationList } from '../queries';
import type { ConsultationStatus, ConsultationSummary } from '../types';

/** 咨询与信息交接: the outlet's consultations for the service desk, to take over (open) or done. */
export default function ConsultationsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const can = useCan();
  const me = useMe();
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const { params, setParam, outletParam } = useOutletParam(anyOutlet, outlets);
  const outlet = anyOutlet ? outletParam : me.outlet;
  const status: ConsultationStatus = params.get('status') === 'done' ? 'done' : 'open';
  const list = useConsultationList(anyOutlet ? outlet : undefined, status, Boolean(outlet));
  const open = (c: ConsultationSummary) => navigate(`/consultations/${c.id}`);
  const clocks = (c: ConsultationSummary) => ((c.clocks ?? []).some(isActiveClock) ? <ClockBadges clocks={c.clocks} /> : '-');

  const columns: TableColumnsType<ConsultationSummary> = [
    { key: 'number', title: t('consult.number'), width: 190, render: (_, c) => <Typography.Text strong>{c.number}</Typography.Text> },
    { key: 'received_at', title: t('consult.receivedAt'), width: 150, render: (_, c) => formatTime(c.received_at) },
    { key: 'kind', title: t('consult.kind'), width: 100, render: (_, c) => <VocabularyTag group="consultation_kind" value={c.kind} /> },
    { key: 'customer', title: t('consult.customer'), render: (_, c) => [c.customer_name, c.phone].filter(Boolean).join(' · ') },
    { key: 'recorded_by', title: t('consult.recordedBy'), width: 110, responsive: ['lg'], render: (_, c) => c.recorded_by_name ?? c.recorded_by },
    { key: 'state', title: t('col.state'), width: 100, ellipsis: false, render: (_, c) => <VocabularyTag group="consultation_state" value={c.state} testId="consultation-state" /> },
    { key: 'clocks', title: t('consult.clocks'), width: 240, ellipsis: false, render: (_, c) => clocks(c) },
  ];

  const table = (
    <>
      <ResponsiveTable<ConsultationSummary>
        columns={columns}
        {...listState(list)}
        rowKey="id"
        empty={t('consult.empty')}
        tableId="consultations"
        testId="consultations-table"
        onRow={(c) => ({ 'data-testid': `consultation-row-${c.number}`, onClick: () => open(c), style: { cursor: 'pointer' } })}
        renderCard={(c) => (
          <Card size="small" style={{ width: '100%' }} onClick={() => open(c)} data-testid={`consultation-row-${c.number}`}>
            <Flex justify="space-between" wrap gap={6}>
              <Typography.Text strong>{c.number}</Typography.Text>
              <VocabularyTag group="consultation_state" value={c.state} testId="consultation-state" />
            </Flex>
            <Flex gap={6} wrap align="center">
              <VocabularyTag group="consultation_kind" value={c.kind} />
              <span>{[c.customer_name, c.phone].filter(Boolean).join(' · ')}</span>
            </Flex>
            <Typography.Text type="secondary">
              {formatTime(c.received_at)} · {c.recorded_by_name ?? c.recorded_by}
            </Typography.Text>
            <div>{clocks(c)}</div>
          </Card>
        )}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );

  return (
    <div>
      <PageHeader title={t('consult.boardTitle')}>
        {anyOutlet && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="consultations-outlet" />}
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/consultations/new')} data-testid="consultation-new">
          {t('consult.new')}
        </Button>
      </PageHeader>
      {/* the tabs pick the status; one table below them shows it */}
      <Tabs
        activeKey={status}
        onChange={(key) => setParam('status', key)}
        items={[
          { key: 'open', label: <span data-testid="consultations-open">{t('consult.tabOpen')}</span> },
          { key: 'done', label: <span data-testid="consultations-done">{t('consult.tabDone')}</span> },
        ]}
      />
      {table}
    </div>
  );
}
