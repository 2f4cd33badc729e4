import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Result, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/client';
import type { ActionName, WorkOrder, WorkOrderDetail } from '../../../api/types';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { ClockBadges } from '../../../components/ClockBadge';
import { PriorityTag, StateTag } from '../../../components/StatusTags';
import { useShowError } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { useTechnicians } from '../../directory/queries';
import { EvidencePanel } from '../../evidence/components/EvidencePanel';
import { ReportsCard } from '../../evidence/components/ReportsCard';
import { ActionBar } from '../components/detail/ActionBar';
import { ActionModal } from '../components/detail/ActionModal';
import { ClocksCard } from '../components/detail/ClocksCard';
import { diffOrders, type Change } from '../components/detail/diff';
import { EventTimeline } from '../components/detail/EventTimeline';
import type { FormatContext } from '../components/detail/format';
import { OrderInfo } from '../components/detail/OrderInfo';
import { StepCards } from '../components/detail/StepCards';
import { ErrorState } from '../../../components/ErrorState';
import { CoverageCard } from '../../warranty/components/coverage/CoverageCard';
import type { CardHandlers } from '../../warranty/components/coverage/useCardAction';
import { QuoteCard } from '../../warranty/components/quote/QuoteCard';
import { QuoteHint } from '../../warranty/components/quote/QuoteHint';
import { PartsCard } from '../../parts/components/order/PartsCard';
import { OrderCards } from '../../../app/orderCards';
import { orderKeys, refetchWorkOrder, useLifecycle, useWorkOrder } from '../queries';
import { useJobClassNames } from '../../technicians/policyQueries';
import { putAnswer } from '../../../utils/cache';

/** An order's page; another order (a link from the inbox, say) starts with a fresh page. */
export default function WorkOrderDetailPage() {
  const { id = '' } = useParams();
  return <OrderPage key={id} id={id} />;
}

function OrderPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, te } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const isMobile = useIsMobile();
  const can = useCan();
  const client = useQueryClient();
  const lifecycle = useLifecycle();
  const { data: order, error: loadError, refetch: loadAgain, isFetching: loadingAgain } = useWorkOrder(id);
  const [action, setAction] = useState<ActionName | null>(null);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const technicians = useTechnicians(order?.outlet ?? null);
  const jobClasses = useJobClassNames();
  const setOrder = useCallback((detail: WorkOrderDetail) => putAnswer(client, orderKeys.detail(id), detail), [client, id]);

  // Usernames in recorded data are shown as names: from the outlet's technicians and the people in the timeline.
  const ctx = useMemo<FormatContext>(() => {
    const names = new Map(technicians.map((s) => [s.username, s.name]));
    order?.events.forEach((e) => names.set(e.actor.username, e.actor.name));
    if (order?.technician && order.technician_name) names.set(order.technician, order.technician_name);
    return { i18n, nameOf: (username) => names.get(username) ?? username, jobClasses };
  }, [i18n, technicians, order, jobClasses]);

  const onDone = (detail: WorkOrderDetail, taken: ActionName | null = action) => {
    message.success(t('detail.actionDone', { action: te('action', taken ?? '') }));
    setAction(null);
    setChanges(null);
    setOrder(detail);
  };

  // Someone else moved the order on: say so, load the fresh one and show what differs.
  const onStale = async (current: WorkOrder | undefined) => {
    const before = order;
    setAction(null);
    message.warning(t('conflict.stale'));
    try {
      const fresh = await refetchWorkOrder(client, id);
      if (before) setChanges(diffOrders(before, fresh, ctx));
    } catch (err) {
      showError(err);
      if (before && current) setChanges(diffOrders(before, current, ctx));
    }
  };

  // The action was refused (role or state): show the order as it really is now.
  const onRefused = () => {
    setAction(null);
    refetchWorkOrder(client, id).catch(showError);
  };

  // A queued file of this order was confirmed: reload the order (evidence counts, report, actions),
  // but not under an open action form (it would start over): then when the form closes.
  const actionOpen = useRef(false);
  actionOpen.current = action !== null;
  const refreshPending = useRef(false);
  const onEvidenceChanged = useCallback(() => {
    if (actionOpen.current) {
      refreshPending.current = true;
      return;
    }
    void client.invalidateQueries({ queryKey: orderKeys.detail(id) });
  }, [client, id]);
  useEffect(() => {
    if (action === null && refreshPending.current) {
      refreshPending.current = false;
      onEvidenceChanged();
    }
  }, [action, onEvidenceChanged]);

  // The coverage and quote cards take their actions with their own forms, handled like the bar's.
  const cardHandlers: CardHandlers = { onDone, onStale: (current) => void onStale(current), onRefused };

  if (loadError && !order) {
    const notFound = loadError instanceof ApiError && (loadError.status === 404 || loadError.status === 403);
    if (!notFound) return <ErrorState error={loadError} onRetry={() => void loadAgain()} retrying={loadingAgain} />;
    return <Result status="404" title={t('detail.notFound')} extra={<Button onClick={() => navigate(-1)}>{t('common.back')}</Button>} />;
  }
  if (!order) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }

  const schemaOf = (name: ActionName) => lifecycle?.actions.find((a) => a.name === name)?.schema ?? {};
  // a panel's actions (coverage, quote) are taken from their cards, not the bar
  const barActions = order.allowed_actions.filter((name) => lifecycle?.actions.find((a) => a.name === name)?.group !== 'panel');
  const hasActions = barActions.length > 0;
  const actionBar = <ActionBar allowed={barActions} next={order.next_actions} lifecycle={lifecycle} onAction={setAction} sticky={isMobile} />;

  return (
    <div style={{ maxWidth: 1200 }}>
      <Flex align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="order-number">
          {order.number}
        </Typography.Title>
        <span data-testid="order-state">
          <StateTag state={order.state} />
        </span>
        <PriorityTag priority={order.priority} />
        {can('complaints.create') && (
          <Button size="small" onClick={() => navigate(`/complaints/new?order=${order.id}`)} data-testid="order-record-complaint">
            {t('menu.newComplaint')}
          </Button>
        )}
      </Flex>
      {(order.clocks ?? []).length > 0 && (
        <div style={{ marginBottom: 12 }} data-testid="order-clocks">
          <ClockBadges clocks={order.clocks} />
        </div>
      )}

      {changes && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setChanges(null)}
          style={{ marginBottom: 16 }}
          data-testid="stale-changes"
          message={t('conflict.stale')}
          description={
            changes.length === 0 ? (
              t('conflict.noVisibleChanges')
            ) : (
              <>
                {t('conflict.changes')}
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {changes.map((c) => (
                    <li key={c.key} data-testid={`change-${c.key}`}>
                      {c.label}
                      {t('common.colon')}
                      {c.before} → {c.after}
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        />
      )}

      {order.hold && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('detail.holdInfo', { kind: i18n.tk(`enum.kind.${order.hold.kind}`, order.hold.kind ?? ''), reason: order.hold.reason, since: formatTime(order.hold.since) })}
        />
      )}

      {/* The actions: at the top on a desktop; on a phone a bar stuck to the bottom of the screen
          (below), so the next step is under the thumb wherever the page is scrolled. */}
      {(!isMobile || !hasActions) && (
        <Card size="small" title={t('detail.actions')} style={{ marginBottom: 16 }}>
          <QuoteHint order={order} />
          {hasActions ? actionBar : <Typography.Text type="secondary">{t('detail.noActions')}</Typography.Text>}
        </Card>
      )}
      {isMobile && hasActions && <QuoteHint order={order} />}

      <CoverageCard order={order} handlers={cardHandlers} />

      <QuoteCard order={order} handlers={cardHandlers} />

      <PartsCard order={order} />

      {/* other areas' cards (fees' charges and payments): registered, not imported here */}
      <OrderCards order={order} />

      <EvidencePanel order={order} onChanged={onEvidenceChanged} />

      <ReportsCard orderId={order.id} reports={order.reports ?? []} />

      <OrderInfo order={order} nameOf={ctx.nameOf} jobClassName={jobClasses.jobClass} />

      <ClocksCard clocks={order.clocks ?? []} nameOf={ctx.nameOf} />

      <StepCards order={order} ctx={ctx} />

      <Card size="small" title={t('detail.timeline')}>
        <EventTimeline events={order.events} ctx={ctx} />
      </Card>

      {isMobile && hasActions && actionBar}

      {action && (
        <ActionModal
          key={`${action}-${order.version}`}
          order={order}
          action={action}
          schema={schemaOf(action)}
          technicians={technicians}
          ctx={ctx}
          onClose={() => setAction(null)}
          onDone={onDone}
          onStale={onStale}
          onRefused={onRefused}
        />
      )}
    </div>
  );
}
