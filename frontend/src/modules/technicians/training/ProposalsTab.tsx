import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Segmented, Space, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useCan } from '../../../access';
import { useMe } from '../../../api/session';
import { formSheet } from '../../../components/formSheet';
import { RefreshButton } from '../../../components/RefreshButton';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { isStaleVersion, useDialogSubmit, useShowError } from '../../../utils/errors';
import { formatFen } from '../../../utils/money';
import { formatTime } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { useUrlParams } from '../../../utils/useUrlParams';
import { TRAINING } from './permissions';
import { useDecideProposal, useProposals } from './queries';
import { GROUPS, TrainingTag } from './tags';
import { LIMITS, type PenaltyProposal, type ProposalList } from './types';

const personName = (p: PenaltyProposal) => p.name ?? p.username;

/** 不予处罚: the manager says why (kept with the proposal). */
function DismissModal({ proposal, onClose, onStale }: { proposal: PenaltyProposal; onClose: () => void; onStale: () => void }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<{ reason: string }>();
  const decide = useDecideProposal();

  const send = useDialogSubmit(form, { onClose, onStale, done: t('training.proposal.dismissed'), stale: t('training.stale') });
  const submit = (v: { reason: string }) => send(() => decide.mutateAsync({ id: proposal.id, decision: 'dismiss', reason: v.reason.trim(), version: proposal.version }));

  return (
    <Modal
      open
      title={t('training.proposal.dismissTitle', { name: personName(proposal) })}
      okText={t('training.proposal.dismiss')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={decide.isPending}
      okButtonProps={{ 'data-testid': 'dismiss-submit' } as ButtonProps}
      {...formSheet(isMobile, 480, 'dismiss-modal')}
    >
      <Typography.Paragraph type="secondary">
        {proposal.source.title} · {formatFen(proposal.amount_fen)}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="reason"
          label={t('training.proposal.dismissReason')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('training.proposal.dismissReason') }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={LIMITS.reason} data-testid="dismiss-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 缺勤处罚建议: the penalties proposed for missing a training, waiting for the manager, who
 * approves one (a penalty in the person's conduct record) or dismisses it with a reason. */
export function ProposalsTab({ outlet, ready }: { outlet: string | undefined; ready: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const showError = useShowError();
  const { params, setParam } = useUrlParams();
  const which: ProposalList = params.get('proposals') === 'decided' ? 'decided' : 'proposed';
  const { data, error, isFetching, refetch } = useProposals(outlet, which, ready);
  const decide = useDecideProposal();
  const [dismissing, setDismissing] = useState<PenaltyProposal | null>(null);
  const me = useMe().username;
  const mayDecide = can(TRAINING.approve);

  const approve = (p: PenaltyProposal) =>
    decide
      .mutateAsync({ id: p.id, decision: 'approve', version: p.version })
      .then(() => message.success(t('training.proposal.approved')))
      .catch((err: unknown) => {
        if (isStaleVersion(err)) {
          void message.warning(t('training.stale'));
          void refetch();
          return;
        }
        showError(err);
      });

  const person = (p: PenaltyProposal) => (
    <Link to={`/technicians/${encodeURIComponent(p.username)}`} data-testid="proposal-person">
      {personName(p)}
    </Link>
  );
  const source = (p: PenaltyProposal) => (
    <Link to={`/technicians/training/sessions/${encodeURIComponent(p.source.id)}`} data-testid="proposal-source">
      {p.source.title}
    </Link>
  );
  const actions = (p: PenaltyProposal) =>
    // nobody decides a penalty proposed about themself
    mayDecide && p.state === 'proposed' && p.username !== me ? (
      <Space size={4} wrap>
        <Popconfirm
          title={t('training.proposal.approveConfirm', { name: personName(p), amount: formatFen(p.amount_fen) })}
          onConfirm={() => approve(p)}
          okText={t('training.proposal.approve')}
          cancelText={t('common.cancel')}
          okButtonProps={{ 'data-testid': 'proposal-approve-ok', danger: true, loading: decide.isPending } as ButtonProps}
        >
          <Button size="small" danger icon={<CheckOutlined />} data-testid="proposal-approve">
            {t('training.proposal.approve')}
          </Button>
        </Popconfirm>
        <Button size="small" icon={<CloseOutlined />} onClick={() => setDismissing(p)} data-testid="proposal-dismiss">
          {t('training.proposal.dismiss')}
        </Button>
      </Space>
    ) : p.state !== 'proposed' ? (
      <Flex vertical gap={0}>
        <span>
          <TrainingTag group={GROUPS.proposalState} value={p.state} testId="proposal-state" />
        </span>
        <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
          {[p.decided_by_name, p.decided_at ? formatTime(p.decided_at) : null, p.decision_reason].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Flex>
    ) : null;

  const columns: TableColumnsType<PenaltyProposal> = [
    { key: 'person', title: t('training.proposal.person'), width: 120, render: (_, p) => person(p) },
    { key: 'source', title: t('training.proposal.source'), width: 200, render: (_, p) => source(p) },
    { key: 'reason', title: t('training.proposal.reason'), render: (_, p) => p.reason },
    { key: 'amount', title: t('training.proposal.amount'), width: 100, align: 'right', render: (_, p) => formatFen(p.amount_fen) },
    which === 'proposed'
      ? { key: 'actions', width: 200, ellipsis: false, onHeaderCell: () => ({ 'aria-label': t('tech.actions') }), render: (_, p) => actions(p) }
      : { key: 'decision', title: t('training.proposal.decision'), width: 260, ellipsis: false, render: (_, p) => actions(p) },
  ];

  return (
    <>
      <Alert type="info" showIcon message={t('training.proposal.hint')} style={{ marginBottom: 12 }} />
      <Flex justify="space-between" wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Segmented
          value={which}
          onChange={(v) => setParam('proposals', String(v))}
          options={[
            { value: 'proposed', label: <span data-testid="proposals-pending">{t('training.proposal.pending')}</span> },
            { value: 'decided', label: <span data-testid="proposals-decided">{t('training.proposal.decided')}</span> },
          ]}
        />
        <RefreshButton label={t('training.refresh')} loading={isFetching} onClick={() => void refetch()} testId="proposals-refresh" />
      </Flex>
      <ResponsiveTable<PenaltyProposal>
        items={data?.items ?? []}
        rowKey="id"
        loading={!data && ready}
        error={error}
        onRetry={() => void refetch()}
        retrying={isFetching}
        empty={which === 'proposed' ? t('training.proposal.empty') : t('training.proposal.decidedEmpty')}
        columns={columns}
        testId="proposals-table"
        onRow={(p) => ({ 'data-testid': `proposal-row-${p.id}`, 'data-username': p.username, 'data-state': p.state })}
        renderCard={(p) => (
          <Card size="small" style={{ width: '100%' }} data-testid={`proposal-row-${p.id}`} data-username={p.username} data-state={p.state}>
            <Flex justify="space-between" wrap gap={6} align="center">
              {person(p)}
              <Typography.Text strong type="danger">
                {formatFen(p.amount_fen)}
              </Typography.Text>
            </Flex>
            <div>{source(p)}</div>
            <div style={{ wordBreak: 'break-word' }}>{p.reason}</div>
            <div style={{ marginTop: 6 }}>{actions(p)}</div>
          </Card>
        )}
      />
      {dismissing && <DismissModal proposal={dismissing} onClose={() => setDismissing(null)} onStale={() => void refetch()} />}
    </>
  );
}
