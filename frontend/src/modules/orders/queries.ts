import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createWorkOrder, getLifecycle, getWorkOrder, listMyJobs, listOpenWorkOrders, listWorkOrders, postAction } from '../../api/client';
import type { ActionName, ActionRequest, Lifecycle, MyJobsTab, NewWorkOrder, WorkOrderFilters, WorkOrderRowPage } from '../../api/types';

export type { MyJobsTab };
import { useCursorList } from '../../utils/useCursorList';
import { dispatchKeys } from '../dispatch/queries';
import { figureKeys } from '../figures/queries';
import { slaKeys } from '../sla/queries';
import { putAnswer } from '../../utils/cache';

/** Query keys of work orders. */
export const orderKeys = {
  all: ['orders'] as const,
  /** Every list (the order list under any filters, my jobs). */
  lists: () => ['orders', 'list'] as const,
  list: (filters: WorkOrderFilters) => ['orders', 'list', filters] as const,
  detail: (id: string) => ['orders', 'detail', id] as const,
  lifecycle: () => ['orders', 'lifecycle'] as const,
};

// Orders move on under other people's hands: a page that opens shows what is cached and asks again.
const LIVE = { staleTime: 0 };

/** The order list under these filters, page by page; `enabled` false while the outlet is unknown. */
export function useWorkOrderList(filters: WorkOrderFilters, enabled: boolean) {
  return useCursorList<WorkOrderRowPage>(orderKeys.list(filters), (cursor) => listWorkOrders({ ...filters, cursor }), { enabled, ...LIVE });
}

/**
 * The technician's jobs (`GET /api/my-jobs`): `active`, every job in their hands, most urgent
 * first, in one answer; `finished`, the ones no longer theirs to act on, page by page.
 */
export function useMyJobs(tab: MyJobsTab) {
  return useCursorList(
    [...orderKeys.lists(), 'mine', tab],
    (cursor) => listMyJobs(tab, cursor),
    LIVE,
  );
}

/** The unfinished orders of the customer, site or unit picked on the intake form (a warning, not a block). */
export function useOpenOrders(query: { customer?: string; site?: string; equipment?: string }) {
  const { customer, site, equipment } = query;
  return useQuery({
    queryKey: [...orderKeys.lists(), 'open', { customer, site, equipment }],
    queryFn: () => listOpenWorkOrders({ customer: customer ?? '', site, equipment }),
    enabled: Boolean(customer),
    meta: { silent: true },
    ...LIVE,
  });
}

/** One order with its timeline, clocks and evidence; its page shows a failure itself. */
export function useWorkOrder(id: string) {
  return useQuery({ queryKey: orderKeys.detail(id), queryFn: () => getWorkOrder(id), meta: { silent: true }, ...LIVE });
}

/** Reads the order again now (after a conflict or a refusal) and caches it. */
export const refetchWorkOrder = (client: QueryClient, id: string) =>
  client.fetchQuery({ queryKey: orderKeys.detail(id), queryFn: () => getWorkOrder(id), staleTime: 0 });

/** The state machine (`GET /api/lifecycle`): the same for the whole session. */
export function useLifecycle(): Lifecycle | null {
  const { data } = useQuery({ queryKey: orderKeys.lifecycle(), queryFn: getLifecycle, staleTime: Infinity });
  return data ?? null;
}

/** What an order's change (a new order, a lifecycle action) may change elsewhere. */
export function invalidateOrderViews(client: QueryClient) {
  void client.invalidateQueries({ queryKey: orderKeys.lists() });
  void client.invalidateQueries({ queryKey: slaKeys.atRisks() });
  void client.invalidateQueries({ queryKey: figureKeys.kpi() });
  void client.invalidateQueries({ queryKey: dispatchKeys.all }); // workloads on the board and the picker
}

/** Records customer feedback as a new order. */
export function useCreateWorkOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewWorkOrder; idempotencyKey: string }) => createWorkOrder(body, idempotencyKey),
    onSuccess: (order) => {
      putAnswer(client, orderKeys.detail(order.id), order);
      invalidateOrderViews(client);
    },
  });
}

/**
 * Takes a lifecycle action. The caller puts the answer (the order as it is now) on the order's
 * page, with `client.setQueryData(orderKeys.detail(id), …)`, together with closing its form.
 */
export function useOrderAction(orderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: ActionName; body: ActionRequest }) => postAction(orderId, action, body),
    onSuccess: () => invalidateOrderViews(client),
  });
}
