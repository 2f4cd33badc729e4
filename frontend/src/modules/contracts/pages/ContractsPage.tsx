import { Button, Checkbox, Flex, Select, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../../access';
import { NETWORK_SCOPE } from '../../../api/types';
import { LoadMore } from '../../../components/LoadMore';
import { LinkCard } from '../../../components/LinkCard';
import { PageHeader } from '../../../components/PageHeader';
import { RefreshButton } from '../../../components/RefreshButton';
import { ResponsiveTable, listState } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { formatFen } from '../../../utils/money';
import { CustomerPicker } from '../../customers/components/CustomerPicker';
import { useCustomer } from '../../customers/queries';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { useUrlParams } from '../../../utils/useUrlParams';
import { ContractStateTag, RenewalDueTag, periodText } from '../components/ContractTags';
import { contractKeys, useContractList } from '../queries';
import { CONTRACT_STATES, type ContractFilters, type ContractState, type ContractSummary } from '../types';

function Tags({ contract }: { contract: ContractSummary }) {
  return (
    <Flex gap={4} wrap>
      <ContractStateTag state={contract.state} />
      {contract.renewal_due && !contract.renewed_by && <RenewalDueTag />}
    </Flex>
  );
}

/**
 * 维护合同: the contracts of the manager's outlet (head office: an outlet's, or the network's),
 * newest start first, by state, customer, or those to renew (待续签); each opens its page.
 */
export default function ContractsPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const client = useQueryClient();
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const { params, setParam } = useUrlParams();
  const scope = anyOutlet ? (params.get('outlet') ?? NETWORK_SCOPE) : undefined;
  const stateParam = params.get('state') as ContractState | null;
  const customer = params.get('customer') || undefined;
  const chosen = useCustomer(customer).data;
  const filters: ContractFilters = {
    outlet: scope && scope !== NETWORK_SCOPE ? scope : undefined,
    state: stateParam && CONTRACT_STATES.includes(stateParam) ? stateParam : undefined,
    customer,
    renewalDue: params.get('renewal_due') === 'true' || undefined,
  };
  const list = useContractList(filters);
  const open = (c: ContractSummary) => navigate(`/contracts/${c.id}`);

  const columns: TableColumnsType<ContractSummary> = [
    {
      key: 'number',
      title: t('contracts.number'),
      width: 170,
      render: (_, c) => (
        <Link to={`/contracts/${c.id}`} data-testid="contract-link" onClick={(e) => e.stopPropagation()}>
          {c.number}
        </Link>
      ),
    },
    { key: 'customer', title: t('contracts.customer'), width: 180, render: (_, c) => c.customer_name ?? c.customer_id },
    ...(anyOutlet ? [{ key: 'outlet', title: t('contracts.outlet'), width: 80, responsive: ['lg' as const], render: (_: unknown, c: ContractSummary) => c.outlet }] : []),
    { key: 'period', title: t('contracts.period'), width: 200, render: (_, c) => periodText(c) },
    {
      key: 'price',
      title: t('contracts.price'),
      width: 120,
      align: 'right',
      responsive: ['md'],
      render: (_, c) => (c.free_period ? t('contracts.freePeriodShort') : formatFen(c.price_fen)),
    },
    { key: 'next', title: t('contracts.nextDue'), width: 120, responsive: ['lg'], render: (_, c) => c.next_due_on ?? '—' },
    { key: 'state', title: t('contracts.state'), width: 150, ellipsis: false, render: (_, c) => <Tags contract={c} /> },
  ];

  return (
    <div style={{ maxWidth: 1200 }}>
      <PageHeader title={t('menu.contracts')}>
        {anyOutlet && (
          <OutletSelect
            outlets={outlets}
            value={scope}
            onChange={(code) => setParam('outlet', code)}
            testId="contracts-outlet"
            extra={[{ value: NETWORK_SCOPE, label: t('contracts.network') }]}
          />
        )}
        <Select<string>
          data-testid="contracts-state"
          aria-label={t('contracts.stateFilter')}
          style={{ minWidth: 120 }}
          value={filters.state ?? ''}
          onChange={(v) => setParam('state', v)}
          options={[{ value: '', label: t('contracts.allStates') }, ...CONTRACT_STATES.map((s) => ({ value: s, label: t(`contract_state.${s}`) }))]}
        />
        <div style={{ width: 220 }} data-testid="contracts-customer">
          <CustomerPicker
            value={customer}
            onChange={(id) => setParam('customer', id ?? '')}
            selectedLabel={chosen ? `${chosen.name} · ${chosen.phone}` : undefined}
          />
        </div>
        <Checkbox checked={Boolean(filters.renewalDue)} onChange={(e) => setParam('renewal_due', e.target.checked ? 'true' : '')} data-testid="contracts-renewal-due">
          {t('contracts.renewalDue')}
        </Checkbox>
        <RefreshButton label={t('contracts.refresh')} loading={list.retrying && !list.loading} onClick={() => void client.invalidateQueries({ queryKey: contractKeys.lists() })} testId="contracts-refresh" />
        {can('contracts.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/contracts/new')} data-testid="contracts-new">
            {t('contracts.new')}
          </Button>
        )}
      </PageHeader>
      <ResponsiveTable<ContractSummary>
        columns={columns}
        {...listState(list)}
        rowKey="id"
        empty={t('contracts.empty')}
        tableId="contracts"
        testId="contracts-table"
        onRow={(c) => ({ 'data-testid': `contract-row-${c.id}`, 'data-state': c.state, onClick: () => open(c), style: { cursor: 'pointer' } })}
        renderCard={(c) => (
          <LinkCard onOpen={() => open(c)} testId={`contract-row-${c.id}`} state={c.state}>
            <Flex justify="space-between" wrap gap={4}>
              <Typography.Text strong>{c.number}</Typography.Text>
              <Typography.Text>{c.free_period ? t('contracts.freePeriodShort') : formatFen(c.price_fen)}</Typography.Text>
            </Flex>
            <div style={{ wordBreak: 'break-word' }}>{c.customer_name ?? c.customer_id}</div>
            <Typography.Text type="secondary">{periodText(c)}</Typography.Text>
            <div style={{ marginTop: 4 }}>
              <Tags contract={c} />
            </div>
          </LinkCard>
        )}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </div>
  );
}
