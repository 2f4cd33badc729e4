import { Button, Flex, Select, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../../access';
import { LoadMore } from '../../../components/LoadMore';
import { LinkCard } from '../../../components/LinkCard';
import { PageHeader } from '../../../components/PageHeader';
import { RefreshButton } from '../../../components/RefreshButton';
import { ResponsiveTable, listState } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { formatFen } from '../../../utils/money';
import { formatTime } from '../../../utils/time';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { useOutletParam } from '../../directory/useOutletParam';
import { ClaimStateTag, FlaggedTag, LateTag, useClaimNames } from '../components/claims/ClaimTags';
import { feeKeys, useClaimList } from '../queries';
import { CLAIM_STATES, type ClaimState, type ClaimSummary, type ClaimView } from '../types';


function Tags({ claim }: { claim: ClaimSummary }) {
  return (
    <Flex gap={4} wrap>
      <ClaimStateTag state={claim.state} waitsFor={claim.waits_for} />
      {claim.late && <LateTag />}
      {claim.flagged && <FlaggedTag />}
    </Flex>
  );
}

/**
 * 差旅报销: the claims of a view — 我的 (one's own: who files claims), 本网点 (the outlet's: a
 * manager's own, head office picks the outlet), 待我审批 (what waits for the reader's decision:
 * the manager's submitted claims, head office's manager-approved ones) — with their state, 逾期提交
 * and 异常 (a line outside its orders' window); amounts in 元 as the server computed them.
 */
export default function ClaimsPage() {
  const { t } = useI18n();
  const names = useClaimNames();
  const can = useCan();
  const navigate = useNavigate();
  const client = useQueryClient();
  const canFile = can('fees.claims.file');
  const canDecide = can('fees.claims.decide');
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const { params, setParam, outlet } = useOutletParam(anyOutlet, outlets);
  const views: ClaimView[] = [...(canDecide ? (['queue', 'outlet'] as const) : []), ...(canFile ? (['mine'] as const) : [])];
  const asked = params.get('view') as ClaimView | null;
  const view: ClaimView = asked && views.includes(asked) ? asked : (views[0] ?? 'mine');
  const stateParam = params.get('state') as ClaimState | null;
  const state = view !== 'queue' && stateParam && CLAIM_STATES.includes(stateParam) ? stateParam : undefined;
  const scoped = view === 'outlet' && anyOutlet;
  const ready = !scoped || Boolean(outlet);
  const list = useClaimList(view, scoped ? outlet : undefined, state, ready);
  const open = (c: ClaimSummary) => navigate(`/claims/${c.id}`);

  const columns: TableColumnsType<ClaimSummary> = [
    {
      key: 'number',
      title: t('claims.number'),
      width: 180,
      render: (_, c) => (
        <Link to={`/claims/${c.id}`} data-testid="claim-link" onClick={(e) => e.stopPropagation()}>
          {c.number}
        </Link>
      ),
    },
    { key: 'claimant', title: t('claims.claimant'), width: 100, render: (_, c) => c.claimant_name },
    ...(anyOutlet ? [{ key: 'outlet', title: t('claims.outlet'), width: 120, responsive: ['lg' as const], render: (_: unknown, c: ClaimSummary) => c.outlet_name ?? c.outlet }] : []),
    { key: 'trip', title: t('claims.trip'), width: 200, render: (_, c) => `${c.departed_on} – ${c.returned_on}` },
    { key: 'total', title: t('claims.total'), width: 120, align: 'right', render: (_, c) => formatFen(c.total_fen) },
    { key: 'net', title: t('claims.net'), width: 120, align: 'right', responsive: ['md'], render: (_, c) => formatFen(c.net_fen) },
    { key: 'state', title: t('claims.state'), width: 220, ellipsis: false, render: (_, c) => <Tags claim={c} /> },
    { key: 'submitted', title: t('claims.submittedAt'), width: 150, responsive: ['lg'], render: (_, c) => formatTime(c.submitted_at) },
  ];

  return (
    <div style={{ maxWidth: 1200 }}>
      <PageHeader title={t('menu.claims')}>
        {scoped && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="claims-outlet" />}
        {view !== 'queue' && (
          <Select<string>
            data-testid="claims-state"
            aria-label={t('claims.stateFilter')}
            style={{ minWidth: 130 }}
            value={state ?? ''}
            onChange={(v) => setParam('state', v)}
            options={[{ value: '', label: t('claims.allStates') }, ...CLAIM_STATES.map((s) => ({ value: s, label: names.state(s) }))]}
          />
        )}
        <RefreshButton label={t('claims.refresh')} loading={list.retrying && !list.loading} onClick={() => void client.invalidateQueries({ queryKey: feeKeys.claimLists() })} testId="claims-refresh" />
        {canFile && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/claims/new')} data-testid="claims-new">
            {t('claims.new')}
          </Button>
        )}
      </PageHeader>
      {views.length > 1 && (
        <Tabs
          activeKey={view}
          onChange={(key) => setParam('view', key)}
          items={views.map((v) => ({
            key: v,
            label: <span data-testid={`claims-tab-${v}`}>{t(v === 'mine' ? 'claims.tabMine' : v === 'outlet' ? 'claims.tabOutlet' : 'claims.tabQueue')}</span>,
          }))}
        />
      )}
      <ResponsiveTable<ClaimSummary>
        columns={columns}
        {...listState(list)}
        rowKey="id"
        empty={t('claims.empty')}
        tableId="claims"
        testId="claims-table"
        onRow={(c) => ({ 'data-testid': `claim-row-${c.id}`, 'data-state': c.state, onClick: () => open(c), style: { cursor: 'pointer' } })}
        renderCard={(c) => (
          <LinkCard onOpen={() => open(c)} testId={`claim-row-${c.id}`} state={c.state}>
            <Flex justify="space-between" wrap gap={4}>
              <Typography.Text strong>{c.number}</Typography.Text>
              <Typography.Text strong>{formatFen(c.total_fen)}</Typography.Text>
            </Flex>
            <div>
              {c.claimant_name}
              {anyOutlet ? ` · ${c.outlet_name ?? c.outlet}` : ''}
            </div>
            <Typography.Text type="secondary">
              {c.departed_on} – {c.returned_on}
            </Typography.Text>
            <div style={{ marginTop: 4 }}>
              <Tags claim={c} />
            </div>
          </LinkCard>
        )}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </div>
  );
}
