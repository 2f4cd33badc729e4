import { useState } from 'react';
import { App, Button, Card, Flex, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { CheckOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useCan } from '../../../access';
import { useMe } from '../../../api/session';
import { NETWORK_SCOPE } from '../../../api/types';
import { RefreshButton } from '../../../components/RefreshButton';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { isStaleVersion, useShowError } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';
import { useUrlParams } from '../../../utils/useUrlParams';
import { outletName } from '../../directory/outletName';
import { useOutlets } from '../../directory/queries';
import { TRAINING } from './permissions';
import { PlanModal } from './PlanModal';
import { useApprovePlan, usePlans } from './queries';
import { GROUPS, TrainingTag } from './tags';
import type { TrainingPlan } from './types';
import { useYearParam, YearSelect } from './YearSelect';

/** 年度培训计划: the plans of a year, the outlet's or the network's (head office's); a draft is
 * changed until approved (head office approves the network's, the outlet's manager the
 * outlet's). */
export function PlansTab({ outlet, ready }: { outlet: string | undefined; ready: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const me = useMe();
  const showError = useShowError();
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets();
  const { params, setParam } = useUrlParams();
  // head office looks at an outlet's plans or the network's; a manager gets their outlet's and
  // the network's together (the server's answer without an outlet)
  const network = anyOutlet && params.get('scope') === 'network';
  const [year, setYear] = useYearParam();
  const scope = network ? NETWORK_SCOPE : outlet;
  const { data, error, isFetching, refetch } = usePlans(scope, year, network || ready);
  const approve = useApprovePlan();
  const [dialog, setDialog] = useState<{ plan?: TrainingPlan } | null>(null);

  // where a new plan goes: head office's choice, a manager's own outlet
  const target = network ? NETWORK_SCOPE : (outlet ?? me.outlet);
  const nameOf = (code: string) => {
    if (code === NETWORK_SCOPE) return t('training.network');
    const o = outlets?.find((x) => x.code === code);
    return o ? outletName(o, lang) : code;
  };
  // the network's plans are head office's to change and approve; a manager reads them
  const mayWrite = (p?: TrainingPlan) => can(TRAINING.write) && (anyOutlet || p?.outlet !== NETWORK_SCOPE);
  const mayApprove = (p: TrainingPlan) => can(TRAINING.approve) && (anyOutlet || p.outlet !== NETWORK_SCOPE);

  const onApprove = (plan: TrainingPlan) =>
    approve
      .mutateAsync({ id: plan.id, version: plan.version })
      .then(() => message.success(t('training.plan.approvedMessage')))
      .catch((err: unknown) => {
        if (isStaleVersion(err)) {
          void message.warning(t('training.stale'));
          void refetch();
          return;
        }
        showError(err);
      });

  const actions = (p: TrainingPlan) =>
    p.state === 'draft' && (mayWrite(p) || mayApprove(p)) ? (
      <Space size={4} wrap>
        {mayWrite(p) && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ plan: p })} data-testid="plan-edit">
            {t('training.plan.edit')}
          </Button>
        )}
        {mayApprove(p) && (
          <Popconfirm
            title={t('training.plan.approveConfirm', { objective: p.objective })}
            onConfirm={() => onApprove(p)}
            okText={t('training.plan.approve')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'plan-approve-ok', loading: approve.isPending } as ButtonProps}
          >
            <Button size="small" type="primary" icon={<CheckOutlined />} data-testid="plan-approve">
              {t('training.plan.approve')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    ) : p.state === 'approved' && p.approved_at ? (
      <Typography.Text type="secondary" data-testid="plan-approved-by">
        {t('training.plan.approvedBy', { name: p.approved_by_name ?? p.approved_by ?? '', at: formatTime(p.approved_at) })}
      </Typography.Text>
    ) : null;

  const scopeTag = (p: TrainingPlan) => (p.outlet === NETWORK_SCOPE ? <Tag color="purple" data-testid="plan-network">{t('training.network')}</Tag> : null);
  const columns: TableColumnsType<TrainingPlan> = [
    ...(anyOutlet ? [] : [{ key: 'scope', title: t('training.plan.scope'), width: 130, ellipsis: false, render: (_: unknown, p: TrainingPlan) => scopeTag(p) ?? nameOf(p.outlet) }]),
    { key: 'objective', title: t('training.plan.objective'), width: 200, render: (_, p) => p.objective },
    { key: 'content', title: t('training.plan.content'), render: (_, p) => p.content },
    { key: 'audience', title: t('training.plan.audience'), width: 120, responsive: ['lg'], render: (_, p) => p.audience },
    { key: 'time', title: t('training.plan.time'), width: 120, render: (_, p) => p.time },
    { key: 'place', title: t('training.place'), width: 110, responsive: ['xl'], render: (_, p) => p.place },
    { key: 'trainer', title: t('training.trainer'), width: 100, responsive: ['lg'], render: (_, p) => p.trainer },
    { key: 'state', title: t('training.state'), width: 100, ellipsis: false, render: (_, p) => <TrainingTag group={GROUPS.planState} value={p.state} testId="plan-state" /> },
    { key: 'actions', width: 190, ellipsis: false, onHeaderCell: () => ({ 'aria-label': t('tech.actions') }), render: (_, p) => actions(p) },
  ];

  return (
    <>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          {anyOutlet && (
            <Segmented
              value={network ? 'network' : 'outlet'}
              onChange={(v) => setParam('scope', String(v))}
              options={[
                { value: 'outlet', label: <span data-testid="plans-scope-outlet">{outlet ? nameOf(outlet) : '-'}</span> },
                { value: 'network', label: <span data-testid="plans-scope-network">{t('training.network')}</span> },
              ]}
            />
          )}
          <YearSelect value={year} onChange={setYear} testId="plans-year" />
        </Space>
        <Space wrap>
          <RefreshButton label={t('training.refresh')} loading={isFetching} onClick={() => void refetch()} testId="plans-refresh" />
          {mayWrite() && (
            <Button type="primary" icon={<PlusOutlined />} disabled={!network && !ready} onClick={() => setDialog({})} data-testid="plan-new">
              {t('training.plan.new')}
            </Button>
          )}
        </Space>
      </Flex>
      <ResponsiveTable<TrainingPlan>
        items={data?.items ?? []}
        rowKey="id"
        loading={!data && (network || ready)}
        error={error}
        onRetry={() => void refetch()}
        retrying={isFetching}
        empty={t('training.plan.empty')}
        columns={columns}
        tableId="training-plans"
        testId="plans-table"
        onRow={(p) => ({ 'data-testid': `plan-row-${p.id}`, 'data-state': p.state })}
        renderCard={(p) => (
          <Card size="small" style={{ width: '100%' }} data-testid={`plan-row-${p.id}`} data-state={p.state}>
            <Flex justify="space-between" wrap gap={6} align="center">
              <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                {p.objective}
              </Typography.Text>
              <Space size={4}>
                {scopeTag(p)}
                <TrainingTag group={GROUPS.planState} value={p.state} testId="plan-state" />
              </Space>
            </Flex>
            <div style={{ wordBreak: 'break-word' }}>{p.content}</div>
            <Typography.Text type="secondary">{[p.time, p.place, p.trainer, p.audience].filter(Boolean).join(' · ')}</Typography.Text>
            <div style={{ marginTop: 6 }}>{actions(p)}</div>
          </Card>
        )}
      />
      {dialog && (
        <PlanModal
          plan={dialog.plan}
          year={year}
          outlet={target}
          scopeName={nameOf(dialog.plan?.outlet ?? target)}
          onClose={() => setDialog(null)}
          onStale={() => void refetch()}
        />
      )}
    </>
  );
}
