import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Flex, Skeleton, Typography } from 'antd';
import { ApiError } from '../../../api/client';
import type { WorkOrderDetail } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { useErrorText } from '../../../utils/errors';
import { useIsMobile } from '../../../utils/useIsMobile';
import { orderKeys, refetchWorkOrder, useOrderAction, useWorkOrder } from '../../orders/queries';
import { TechnicianPicker } from './TechnicianPicker';
import { useDispatchCandidates } from '../queries';
import { qualificationRefusal, QualificationRefusalAlert, SkillOverrideDialog, type QualificationRefusal } from '../../technicians/components/SkillOverride';
import { putAnswer } from '../../../utils/cache';

interface Props {
  /** The order to dispatch (null: closed). */
  orderId: string | null;
  onClose: () => void;
}

/** The order's ranked technicians and the dispatch, with the order's version as read here. */
function DispatchPanel({ orderId, onDone }: { orderId: string; onDone: () => void }) {
  const { t, te } = useI18n();
  const errorText = useErrorText();
  const [technician, setTechnician] = useState<string | undefined>();
  const client = useQueryClient();
  const detail = useWorkOrder(orderId);
  const action = useOrderAction(orderId);
  const candidates = useDispatchCandidates(orderId);
  // Someone else changed the order first (409): the panel shows the order as it is now.
  const [conflict, setConflict] = useState(false);
  // the gate's refusal (the technician lacks stars or a certificate) and its override with a reason
  const [refusal, setRefusal] = useState<QualificationRefusal | null>(null);
  const [overriding, setOverriding] = useState(false);
  const waiting = detail.data?.state === 'received';
  const choose = (username: string) => {
    setTechnician(username);
    setRefusal(null);
    action.reset(); // what was refused was about the previous choice
  };
  const send = (reason?: string) => {
    if (!detail.data || !technician) return Promise.resolve();
    setConflict(false);
    const data = { technician, helpers: [], ...(reason !== undefined && { skill_override: { reason } }) };
    return action.mutateAsync(
      { action: 'dispatch', body: { version: detail.data.version, data } },
      {
        // the order as it is now, for its page and any other view of it
        onSuccess: (order) => {
          putAnswer(client, orderKeys.detail(orderId), order);
          onDone();
        },
        onError: (err) => {
          const refused = qualificationRefusal(err);
          if (refused) {
            setRefusal(refused);
            return;
          }
          if (!(err instanceof ApiError) || err.status !== 409) return;
          setConflict(true);
          setRefusal(null); // the order moved on: what was refused no longer stands
          setOverriding(false);
          // the state and version the refusal carried at once, then the whole order read again
          const current = err.current;
          if (current) {
            client.setQueryData<WorkOrderDetail>(orderKeys.detail(orderId), (old) => (old ? { ...old, state: current.state, version: current.version } : old));
          }
          refetchWorkOrder(client, orderId).catch(() => undefined);
        },
      },
    );
  };
  const dispatch = () => void send().catch(() => undefined); // said in place (below)
  const name = (username: string) => candidates.data?.items.find((c) => c.username === username)?.name ?? username;
  return (
    <Flex vertical gap={12}>
      {detail.error && <Alert type="error" showIcon message={errorText(detail.error)} />}
      {detail.data && (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
          <Typography.Text strong>{detail.data.number}</Typography.Text> · {detail.data.customer_name}
          <Typography.Text type="secondary"> · {detail.data.description}</Typography.Text>
        </Typography.Paragraph>
      )}
      {detail.data && !waiting && <Alert type="info" showIcon message={t('dispatch.board.alreadyDispatched', { state: te('state', detail.data.state) })} />}
      {detail.isLoading ? <Skeleton active /> : detail.data && <TechnicianPicker orderId={orderId} value={technician} onChange={choose} />}
      {conflict ? (
        <Alert type="warning" showIcon message={t('dispatch.board.conflict')} data-testid="board-dispatch-conflict" />
      ) : refusal ? (
        <QualificationRefusalAlert refusal={refusal} name={name(refusal.technician)} action="dispatch" onOverride={() => setOverriding(true)} />
      ) : (
        action.error && <Alert type="error" showIcon message={errorText(action.error)} data-testid="board-dispatch-error" />
      )}
      {refusal && overriding && (
        <SkillOverrideDialog refusal={refusal} name={name(refusal.technician)} action="dispatch" onCancel={() => setOverriding(false)} onConfirm={(reason) => send(reason).then(() => undefined)} />
      )}
      <Flex justify="space-between" align="center" gap={8}>
        <Link to={`/work-orders/${orderId}`}>{t('dispatch.board.openOrder')}</Link>
        <Button type="primary" disabled={!technician || !waiting} loading={action.isPending} onClick={dispatch} data-testid="board-dispatch-submit">
          {te('action', 'dispatch')}
        </Button>
      </Flex>
    </Flex>
  );
}

/**
 * Dispatching from the board: the order's technicians, most suitable first, and the dispatch
 * itself (someone else's change first is refused with 409 and said in place).
 */
export function DispatchDrawer({ orderId, onClose }: Props) {
  const { te } = useI18n();
  const isMobile = useIsMobile();
  return (
    <Drawer
      open={orderId !== null}
      onClose={onClose}
      width={isMobile ? '100%' : 560}
      destroyOnHidden
      title={te('action', 'dispatch')}
      data-testid="board-dispatch-drawer"
    >
      {orderId && <DispatchPanel key={orderId} orderId={orderId} onDone={onClose} />}
    </Drawer>
  );
}
