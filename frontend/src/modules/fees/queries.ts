import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { whenLinksLapsed } from '../../api/refresh';
import { reread } from '../../app/queryClient';
import { apiData as data } from '../../utils/apiData';
import { listMyJobs, listStaff } from '../../api/client';
import { useCursorList } from '../../utils/useCursorList';
import { directoryKeys } from '../directory/queries';
import { uploadThrough } from '../evidence/lib/upload';
import type {
  BudgetChange,
  Claim,
  ClaimBody,
  ClaimChange,
  ClaimDecision,
  ClaimState,
  ClaimView,
  ReceiptContentType,
  BudgetDecision,
  FeeSheet,
  FeeSheetChange,
  NewBudgetRequest,
  NewPayment,
  Payment,
  PaymentList,
  Receipt,
  SpendBooking,
} from './types';
import { RECEIPT_TYPES } from './types';

/** Query keys of the fees area (售后费用): every input in the key (the order, the outlet, the year). */
export const feeKeys = {
  all: ['fees'] as const,
  sheet: (orderId: string) => ['fees', 'sheet', orderId] as const,
  payments: (orderId: string) => ['fees', 'payments', orderId] as const,
  budgetsAll: () => ['fees', 'budgets'] as const,
  budgets: (outlet: string | undefined, year: string) => ['fees', 'budgets', { outlet, year }] as const,
  requestsAll: () => ['fees', 'budget-requests'] as const,
  requests: (outlet: string | undefined, year: string) => ['fees', 'budget-requests', { outlet, year }] as const,
  claimsAll: () => ['fees', 'claims'] as const,
  claimLists: () => ['fees', 'claims', 'list'] as const,
  claimList: (view: ClaimView, outlet: string | undefined, state: ClaimState | undefined) => ['fees', 'claims', 'list', { view, outlet, state }] as const,
  claim: (id: string) => ['fees', 'claims', 'one', id] as const,
  claimOrders: () => ['fees', 'claims', 'my-orders'] as const,
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

// ---- travel claims (差旅费报销单) --------------------------------------------------------------

const claimPath = (claim_id: string) => ({ path: { claim_id } });

export const listClaims = (view: ClaimView, outlet: string | undefined, state: ClaimState | undefined, cursor?: string) =>
  data(api.GET('/api/claims', { params: { query: { view, outlet, state, cursor } } }));
export const getClaim = (id: string) => data(api.GET('/api/claims/{claim_id}', { params: claimPath(id) }));
export const createClaim = (body: ClaimBody, idempotencyKey: string) => data(api.POST('/api/claims', { params: keyed(idempotencyKey), body }));
export const putClaim = (id: string, body: ClaimChange) => data(api.PUT('/api/claims/{claim_id}', { params: claimPath(id), body }));
export const submitClaim = (id: string, version: number) => data(api.POST('/api/claims/{claim_id}/submit', { params: claimPath(id), body: { version } }));
export const decideClaim = (id: string, body: ClaimDecision) => data(api.POST('/api/claims/{claim_id}/decide', { params: claimPath(id), body }));
const receiptSlot = (id: string, body: { content_type: ReceiptContentType; size: number; file_name: string }) =>
  data(api.POST('/api/claims/{claim_id}/receipts', { params: claimPath(id), body }));
const confirmReceipt = (id: string, receiptId: string) =>
  data(api.POST('/api/claims/{claim_id}/receipts/{receipt_id}/confirm', { params: { path: { claim_id: id, receipt_id: receiptId } } }));

/** A receipt (原始凭证) of a draft claim: prepared as the evidence area prepares a file (a large
 * photo made smaller), the form asked for, the bytes to S3, the server's check; answers the
 * verified receipt. `type` is the picked file's type, checked by the caller. */
export const uploadReceipt = (claimId: string, file: File, type: ReceiptContentType) =>
  uploadThrough(
    file,
    (prepared) =>
      receiptSlot(claimId, {
        content_type: (RECEIPT_TYPES as readonly string[]).includes(prepared.contentType) ? (prepared.contentType as ReceiptContentType) : type,
        size: prepared.blob.size,
        file_name: prepared.filename,
      }),
    (slot) => confirmReceipt(claimId, slot.receipt.id),
  );

/** The claims of a view (mine, an outlet's, what waits for the reader), page by page. */
export function useClaimList(view: ClaimView, outlet: string | undefined, state: ClaimState | undefined, enabled: boolean) {
  return useCursorList(
    feeKeys.claimList(view, outlet, state),
    async (cursor) => {
      const page = await listClaims(view, outlet, state, cursor);
      return { items: page.items, next_cursor: page.next_cursor ?? null };
    },
    { enabled, ...LIVE },
  );
}

/** Every receipt a claim shows: on its lines, and those no line names. */
const receiptsOf = (claim: Claim): Receipt[] => [...claim.receipts, ...claim.lines.flatMap((l) => l.receipts)];
const receiptUrls = (claim: Claim) => receiptsOf(claim).flatMap((r) => [r.links?.view, r.links?.thumbnail]);

/** One claim with its lines, flags, receipts, approvals and budget figures; its page shows a
 * failure itself. Its receipts' links live minutes (presigned): renewed when about to be used
 * (the page opening, the tab shown again with a link lapsed, a receipt opened:
 * `useFreshReceipt`), never on a timer. */
export function useClaim(id: string | undefined) {
  return useQuery({
    queryKey: feeKeys.claim(id ?? ''),
    queryFn: () => getClaim(id!),
    enabled: Boolean(id),
    meta: { silent: true },
    refetchOnWindowFocus: whenLinksLapsed(receiptUrls),
    ...LIVE,
  });
}

/** A receipt as the server shows it now (fresh links): the claim on screen that holds it is read
 * again; null when no claim read here holds it. */
export function useFreshReceipt(): (receiptId: string) => Promise<Receipt | null> {
  const client = useQueryClient();
  return useCallback(
    async (receiptId: string) => {
      const holder = client
        .getQueriesData<Claim>({ queryKey: [...feeKeys.claimsAll(), 'one'] })
        .map(([, claim]) => claim)
        .find((claim) => claim && receiptsOf(claim).some((r) => r.id === receiptId));
      if (!holder) return null;
      const claim = await client.fetchQuery({ queryKey: feeKeys.claim(holder.id), queryFn: () => getClaim(holder.id), staleTime: 0 });
      return receiptsOf(claim).find((r) => r.id === receiptId) ?? null;
    },
    [client],
  );
}

/** The orders a technician may link to a claim: their jobs (in hand, and the last finished ones). */
export function useClaimableOrders(enabled: boolean) {
  return useQuery({
    queryKey: feeKeys.claimOrders(),
    queryFn: async () => {
      const [active, finished] = await Promise.all([listMyJobs('active'), listMyJobs('finished')]);
      return [...active.items, ...finished.items];
    },
    enabled,
    staleTime: 60_000,
  });
}

/** The managers of the caller's outlet (who may have approved a taxi or a freight beforehand). */
export function useOutletManagers(enabled: boolean) {
  return useQuery({
    queryKey: directoryKeys.staff({ role: 'manager' }),
    queryFn: () => listStaff({ role: 'manager' }),
    select: (page) => page.items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The claim the server answered, in place (a read already on its way dropped first); the lists read again. */
async function placeClaim(client: QueryClient, claim: Claim) {
  await client.cancelQueries({ queryKey: feeKeys.claim(claim.id) });
  client.setQueryData(feeKeys.claim(claim.id), claim);
  void client.invalidateQueries({ queryKey: feeKeys.claimLists() });
}

/** Files a new claim (a draft); the Idempotency-Key makes a resent click one claim. */
export function useCreateClaim() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ClaimBody; idempotencyKey: string }) => createClaim(body, idempotencyKey),
    onSuccess: (claim) => placeClaim(client, claim),
  });
}

/** Saves a draft on the version seen (the server checks every field and computes the totals). */
export function useSaveClaim(id: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (body: ClaimChange) => putClaim(id, body), onSuccess: (claim) => placeClaim(client, claim) });
}

/** Submits a draft (for the manager's review). */
export function useSubmitClaim(id: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (version: number) => submitClaim(id, version), onSuccess: (claim) => placeClaim(client, claim) });
}

/** A manager's or head office's decision; head office's approval books the budget. */
export function useDecideClaim(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ClaimDecision) => decideClaim(id, body),
    onSuccess: async (claim) => {
      await placeClaim(client, claim);
      void client.invalidateQueries({ queryKey: feeKeys.budgetsAll() });
    },
  });
}

/** Uploads a receipt to a draft claim; answers the verified receipt. */
export function useUploadReceipt(claimId: string | undefined) {
  return useMutation({
    mutationFn: ({ file, type }: { file: File; type: ReceiptContentType }) => uploadReceipt(claimId!, file, type),
  });
}

/** Reads a claim again (after a conflict). */
export const rereadClaim = (client: QueryClient, id: string) => reread(client, feeKeys.claim(id));
