import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { reread } from '../../app/queryClient';
import { apiData as data } from '../../utils/apiData';
import type {
  BudgetChange,
  BudgetDecision,
  FeeSheet,
  FeeSheetChange,
  NewBudgetRequest,
  NewPayment,
  Payment,
  PaymentList,
  SpendBooking,
} from './types';

/** Query keys of the fees area (售后费用): every input in the key (the order, the outlet, the year). */
export const feeKeys = {
  all: ['fees'] as const,
  sheet: (orderId: string) => ['fees', 'sheet', orderId] as const,
  payments: (orderId: string) => ['fees', 'payments', orderId] as const,
  budgetsAll: () => ['fees', 'budgets'] as const,
  budgets: (outlet: string | undefined, year: string) => ['fees', 'budgets', { outlet, year }] as const,
  requestsAll: () => ['fees', 'budget-requests'] as const,
  requests: (outlet: string | undefined, year: string) => ['fees', 'budget-requests', { outlet, year }] as const,
};

const LIVE = { staleTime: 0 };

// ---- calls ----------------------------------------------------------------------------------

const order = (order_id: string) => ({ path: { order_id } });
const budgetPath = (outlet: string, year: string) => ({ path: { outlet, year: Number(year) } });

export const getFeeSheet = (orderId: string) => data(api.GET('/api/work-orders/{order_id}/fees', { params: order(orderId) }));
export const putFeeSheet = (orderId: string, body: FeeSheetChange) =>
  data(api.PUT('/api/work-orders/{order_id}/fees', { params: order(orderId), body }));
export const approveFeeSheet = (orderId: string, version: number) =>
  data(api.POST('/api/work-orders/{order_id}/fees/approve', { params: order(orderId), body: { version } }));

export const listPayments = (orderId: string) => data(api.GET('/api/work-orders/{order_id}/payments', { params: order(orderId) }));
export const createPayment = (orderId: string, body: NewPayment, idempotencyKey: string) =>
  data(api.POST('/api/work-orders/{order_id}/payments', { params: { ...order(orderId), header: { 'Idempotency-Key': idempotencyKey } }, body }));
export const handInPayment = (orderId: string, payment: Payment) =>
  data(
    api.POST('/api/work-orders/{order_id}/payments/{payment_id}/hand-in', {
      params: { path: { order_id: orderId, payment_id: payment.id } },
      body: { version: payment.version },
    }),
  );

export const listBudgets = (outlet: string | undefined, year: string) =>
  data(api.GET('/api/budgets', { params: { query: { outlet, year: Number(year) } } }));
export const putBudget = (outlet: string, year: string, body: BudgetChange) =>
  data(api.PUT('/api/budgets/{outlet}/{year}', { params: budgetPath(outlet, year), body }));
const keyed = (idempotencyKey: string) => ({ header: { 'Idempotency-Key': idempotencyKey } });
export const bookSpend = (outlet: string, year: string, body: SpendBooking, idempotencyKey: string) =>
  data(api.POST('/api/budgets/{outlet}/{year}/spend', { params: { ...budgetPath(outlet, year), ...keyed(idempotencyKey) }, body }));
export const listBudgetRequests = (outlet: string, year: string) =>
  data(api.GET('/api/budgets/{outlet}/{year}/requests', { params: budgetPath(outlet, year) }));
export const fileBudgetRequest = (outlet: string, year: string, body: NewBudgetRequest, idempotencyKey: string) =>
  data(api.POST('/api/budgets/{outlet}/{year}/requests', { params: { ...budgetPath(outlet, year), ...keyed(idempotencyKey) }, body }));
export const decideBudgetRequest = (outlet: string, year: string, id: string, body: BudgetDecision) =>
  data(
    api.POST('/api/budgets/{outlet}/{year}/requests/{request_id}/decide', { params: { path: { outlet, year: Number(year), request_id: id } }, body }),
  );

// ---- hooks: an order's fee lines and payments -----------------------------------------------

/** The order's fee lines (收费明细) with the totals the server computed; `enabled` false for who
 * may not read them. The card shows a failure itself. */
export function useFeeSheet(orderId: string, enabled: boolean) {
  return useQuery({ queryKey: feeKeys.sheet(orderId), queryFn: () => getFeeSheet(orderId), enabled, meta: { silent: true }, ...LIVE });
}

/** The order's payments (收款) with what has been paid. */
export function usePayments(orderId: string, enabled: boolean) {
  return useQuery({ queryKey: feeKeys.payments(orderId), queryFn: () => listPayments(orderId), enabled, meta: { silent: true }, ...LIVE });
}

/** Puts the sheet the server answered in place: a read already on its way (sent before the
 * change) is dropped first, so it cannot put the old sheet back. */
async function placeSheet(client: QueryClient, orderId: string, sheet: FeeSheet) {
  await client.cancelQueries({ queryKey: feeKeys.sheet(orderId) });
  client.setQueryData(feeKeys.sheet(orderId), sheet);
}

/** Saves the fee lines on the version seen (the server prices them; the sheet answers). */
export function useSaveFeeSheet(orderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: FeeSheetChange) => putFeeSheet(orderId, body),
    onSuccess: (sheet) => placeSheet(client, orderId, sheet),
  });
}

/** The manager's approval of the lines that need it, on the version seen. */
export function useApproveFeeSheet(orderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => approveFeeSheet(orderId, version),
    onSuccess: (sheet) => placeSheet(client, orderId, sheet),
  });
}

/** Records a payment (the Idempotency-Key makes a resent click one payment). The payments and
 * the sheet's paid/outstanding are read again before the form frees its button. */
export function useRecordPayment(orderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewPayment; idempotencyKey: string }) => createPayment(orderId, body, idempotencyKey),
    onSuccess: () => Promise.all([reread(client, feeKeys.payments(orderId)), reread(client, feeKeys.sheet(orderId))]),
  });
}

/** A manager marks a payment handed in to finance (交财务), on the version seen. */
export function useHandIn(orderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (payment: Payment) => handInPayment(orderId, payment),
    onSuccess: async (payment) => {
      await client.cancelQueries({ queryKey: feeKeys.payments(orderId) });
      client.setQueryData<PaymentList>(feeKeys.payments(orderId), (list) =>
        list ? { ...list, items: list.items.map((p) => (p.id === payment.id ? payment : p)) } : list,
      );
      void reread(client, feeKeys.payments(orderId));
    },
  });
}

/** The order changed (an action, a part used): its fee lines may have changed with it. */
export function rereadFees(client: QueryClient, orderId: string) {
  return Promise.all([reread(client, feeKeys.sheet(orderId)), reread(client, feeKeys.payments(orderId))]);
}

// ---- hooks: budgets -------------------------------------------------------------------------

/** An outlet's budget of a year (a manager: their own, `outlet` undefined; head office names one). */
export function useBudgets(outlet: string | undefined, year: string, enabled: boolean) {
  return useQuery({ queryKey: feeKeys.budgets(outlet, year), queryFn: () => listBudgets(outlet, year), enabled, ...LIVE });
}

/** The 费用增加申请 of an outlet's year. */
export function useBudgetRequests(outlet: string | undefined, year: string, enabled: boolean) {
  return useQuery({
    queryKey: feeKeys.requests(outlet, year),
    queryFn: () => listBudgetRequests(outlet!, year),
    enabled: enabled && Boolean(outlet),
    ...LIVE,
  });
}

/** What a budget change may change: every budget view and the requests (read again, a read
 * on its way dropped first). Awaited by the forms, so their buttons free once it shows. */
const rereadBudgets = (client: QueryClient) => Promise.all([reread(client, feeKeys.budgetsAll()), reread(client, feeKeys.requestsAll())]);

/** Head office sets an outlet's year: the limits per category and the stop flag (on the version seen). */
export function useSetBudget(outlet: string, year: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (body: BudgetChange) => putBudget(outlet, year, body), onSuccess: () => rereadBudgets(client) });
}

/** A spend booked by hand (the one conditional update: 409 budget_exceeded with the remaining budget). */
export function useBookSpend(outlet: string, year: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: SpendBooking; idempotencyKey: string }) => bookSpend(outlet, year, body, idempotencyKey),
    onSuccess: () => rereadBudgets(client),
  });
}

/** A manager files a 费用增加申请. */
export function useFileBudgetRequest(outlet: string, year: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewBudgetRequest; idempotencyKey: string }) => fileBudgetRequest(outlet, year, body, idempotencyKey),
    onSuccess: () => rereadBudgets(client),
  });
}

/** Head office decides a 费用增加申请 (approving raises the category). */
export function useDecideBudgetRequest(outlet: string, year: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BudgetDecision }) => decideBudgetRequest(outlet, year, id, body),
    onSuccess: () => rereadBudgets(client),
  });
}
