import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { reread } from '../../app/queryClient';
import { apiData as data } from '../../utils/apiData';
import { useCursorList } from '../../utils/useCursorList';
import { orderKeys } from '../orders/queries';
import type {
  ActionBody,
  CountAction,
  CountEntryBody,
  NewCount,
  NewTransfer,
  PartInput,
  PartUpdate,
  NewPartsException,
  NewRequisition,
  RequisitionAction,
  RequisitionActionBody,
  RequisitionQueue,
  StockDetail,
  StockMovementInput,
  StockSettings,
  SuggestionOrder,
  TransferAction,
  TransferDirection,
} from './types';

/** Query keys of the spare-parts area. */
export const partsKeys = {
  all: ['parts'] as const,
  catalogue: () => ['parts', 'catalogue'] as const,
  catalogueList: () => ['parts', 'catalogue', 'list'] as const,
  search: (q: string) => ['parts', 'catalogue', 'search', q] as const,
  /** Every outlet's stock (a transfer or a requisition moves stock at more than one). */
  allStock: () => ['parts', 'stock'] as const,
  stock: (outlet: string | undefined) => ['parts', 'stock', outlet] as const,
  stockList: (outlet: string | undefined, q: string, low: boolean) => ['parts', 'stock', outlet, 'list', { q, low }] as const,
  stockLine: (outlet: string | undefined, code: string | undefined) => ['parts', 'stock', outlet, 'line', code] as const,
  suggestions: (outlet: string | undefined) => ['parts', 'stock', outlet, 'suggestions'] as const,
  transfers: () => ['parts', 'transfers'] as const,
  transferList: (outlet: string | undefined, direction: TransferDirection) => ['parts', 'transfers', 'list', { outlet, direction }] as const,
  warehouses: () => ['parts', 'warehouses'] as const,
  counts: (outlet: string | undefined) => ['parts', 'counts', outlet] as const,
  count: (outlet: string | undefined, id: string | undefined) => ['parts', 'counts', outlet, 'detail', id] as const,
  requisitions: () => ['parts', 'requisitions'] as const,
  requisitionQueue: (queue: RequisitionQueue) => ['parts', 'requisitions', queue] as const,
};

// ---- calls ----------------------------------------------------------------------------------

/** With `q`: up to `limit` matches by code, name or pinyin initials (one answer, no cursor);
 * without: the catalogue by code, page by page. */
export const listParts = (query: { q?: string; limit?: number; cursor?: string }) => data(api.GET('/api/parts', { params: { query } }));
export const createPart = (body: PartInput) => data(api.POST('/api/parts', { body }));
export const updatePart = (code: string, body: PartUpdate) => data(api.PUT('/api/parts/{part_code}', { params: { path: { part_code: code } }, body }));

export const listStock = (outlet: string, query: { q?: string; low?: boolean; cursor?: string; limit?: number }) =>
  data(api.GET('/api/parts/warehouses/{outlet}/stock', { params: { path: { outlet }, query: { ...query, low: query.low ? 'true' : undefined } } }));
export const getStockLine = (outlet: string, code: string, cursor?: string) =>
  data(api.GET('/api/parts/warehouses/{outlet}/stock/{part_code}', { params: { path: { outlet, part_code: code }, query: { cursor } } }));
export const putStockSettings = (outlet: string, code: string, body: StockSettings) =>
  data(api.PUT('/api/parts/warehouses/{outlet}/stock/{part_code}/settings', { params: { path: { outlet, part_code: code } }, body }));
export const postMovement = (outlet: string, code: string, body: StockMovementInput) =>
  data(api.POST('/api/parts/warehouses/{outlet}/stock/{part_code}/movements', { params: { path: { outlet, part_code: code } }, body }));

export const listSuggestions = (outlet: string) => data(api.GET('/api/parts/warehouses/{outlet}/suggestions', { params: { path: { outlet } } }));
export const orderSuggestion = (outlet: string, code: string, body: SuggestionOrder) =>
  data(api.POST('/api/parts/warehouses/{outlet}/suggestions/{part_code}/order', { params: { path: { outlet, part_code: code } }, body }));
export const dismissSuggestion = (outlet: string, code: string, body: { reason: string }) =>
  data(api.POST('/api/parts/warehouses/{outlet}/suggestions/{part_code}/dismiss', { params: { path: { outlet, part_code: code } }, body }));

export const listTransfers = (query: { outlet?: string; direction: TransferDirection; cursor?: string }) => data(api.GET('/api/parts/transfers', { params: { query } }));
export const createTransfer = (body: NewTransfer) => data(api.POST('/api/parts/transfers', { body }));
export function transferAction(id: string, action: TransferAction, body: ActionBody) {
  const params = { path: { transfer_id: id } };
  switch (action) {
    case 'send':
      return data(api.POST('/api/parts/transfers/{transfer_id}/actions/send', { params, body }));
    case 'receive':
      return data(api.POST('/api/parts/transfers/{transfer_id}/actions/receive', { params, body }));
    case 'cancel':
      return data(api.POST('/api/parts/transfers/{transfer_id}/actions/cancel', { params, body }));
  }
}

export const listCounts = (outlet: string, cursor?: string) => data(api.GET('/api/parts/warehouses/{outlet}/counts', { params: { path: { outlet }, query: { cursor } } }));
export const startCount = (outlet: string, body: NewCount) => data(api.POST('/api/parts/warehouses/{outlet}/counts', { params: { path: { outlet } }, body }));
export const getCount = (outlet: string, id: string) =>
  data(api.GET('/api/parts/warehouses/{outlet}/counts/{count_id}', { params: { path: { outlet, count_id: id } } }));
export const putCountLine = (outlet: string, id: string, code: string, body: CountEntryBody) =>
  data(api.PUT('/api/parts/warehouses/{outlet}/counts/{count_id}/lines/{part_code}', { params: { path: { outlet, count_id: id, part_code: code } }, body }));
export function countAction(outlet: string, id: string, action: CountAction, body: ActionBody) {
  const params = { path: { outlet, count_id: id } };
  switch (action) {
    case 'submit':
      return data(api.POST('/api/parts/warehouses/{outlet}/counts/{count_id}/actions/submit', { params, body }));
    case 'approve':
      return data(api.POST('/api/parts/warehouses/{outlet}/counts/{count_id}/actions/approve', { params, body }));
    case 'reject':
      return data(api.POST('/api/parts/warehouses/{outlet}/counts/{count_id}/actions/reject', { params, body }));
  }
}

// ---- hooks: catalogue ---------------------------------------------------------------------------

/** Parts whose code, name or pinyin initials start with `q` (as the keeper types). */
export function usePartSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: partsKeys.search(q),
    queryFn: () => listParts({ q, limit: 20 }),
    enabled: enabled && q.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** The catalogue by code, page by page. */
export function usePartList(enabled = true) {
  return useCursorList(partsKeys.catalogueList(), (cursor) => listParts({ cursor }), { enabled });
}

/** Creates a part (`version` undefined) or saves one with the version the user saw (409 when
 * someone saved it meanwhile). */
export function useSavePart() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: PartInput; version?: number }) => (version === undefined ? createPart(body) : updatePart(body.code, { ...body, version })),
    onSuccess: () => reread(client, partsKeys.catalogue()),
  });
}

// ---- hooks: warehouse -----------------------------------------------------------------------

/** An outlet's stock lines by code (a code prefix; only the low ones), page by page. */
export function useStockList(outlet: string | undefined, q: string, low: boolean) {
  return useCursorList(partsKeys.stockList(outlet, q, low), (cursor) => listStock(outlet!, { q: q || undefined, low, cursor }), { enabled: Boolean(outlet) });
}

/** A stock line with its part and the newest ledger entries. */
export function useStockLine(outlet: string | undefined, code: string | undefined) {
  return useCursorList<StockDetail & { items: StockDetail['ledger'] }>(
    partsKeys.stockLine(outlet, code),
    async (cursor) => {
      const detail = await getStockLine(outlet!, code!, cursor);
      return { ...detail, items: detail.ledger };
    },
    { enabled: Boolean(outlet && code) },
  );
}

/** After a write on a stock line: its list, the line and the suggestions are read again. */
function useStockWritten(outlet: string | undefined) {
  const client = useQueryClient();
  return () => reread(client, partsKeys.stock(outlet));
}

export function useStockSettings(outlet: string | undefined, code: string | undefined) {
  const written = useStockWritten(outlet);
  return useMutation({ mutationFn: (body: StockSettings) => putStockSettings(outlet!, code!, body), onSettled: written });
}

export function useStockMovement(outlet: string | undefined, code: string | undefined) {
  const written = useStockWritten(outlet);
  return useMutation({ mutationFn: (body: StockMovementInput) => postMovement(outlet!, code!, body), onSuccess: written });
}

export function useSuggestions(outlet: string | undefined) {
  return useQuery({ queryKey: partsKeys.suggestions(outlet), queryFn: () => listSuggestions(outlet!), enabled: Boolean(outlet) });
}

export function useOrderSuggestion(outlet: string | undefined) {
  const written = useStockWritten(outlet);
  return useMutation({
    mutationFn: ({ code, quantity, note }: { code: string; quantity?: number; note?: string | null }) => orderSuggestion(outlet!, code, { quantity, note }),
    onSettled: written,
  });
}

export function useDismissSuggestion(outlet: string | undefined) {
  const written = useStockWritten(outlet);
  return useMutation({ mutationFn: ({ code, reason }: { code: string; reason: string }) => dismissSuggestion(outlet!, code, { reason }), onSettled: written });
}

// ---- hooks: transfers -----------------------------------------------------------------------

/** The network's warehouses (code and names): where a transfer may go. */
export function useWarehouses() {
  return useQuery({
    queryKey: partsKeys.warehouses(),
    queryFn: () => data(api.GET('/api/parts/warehouses')),
    staleTime: Infinity, // outlets change rarely; a new one shows after a reload
  });
}

export function useTransferList(outlet: string | undefined, direction: TransferDirection, enabled = true) {
  return useCursorList(partsKeys.transferList(outlet, direction), (cursor) => listTransfers({ outlet, direction, cursor }), { enabled });
}

export function useCreateTransfer() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createTransfer, onSuccess: () => reread(client, partsKeys.transfers()) });
}

/** Send, receive or cancel with the version seen; stock moves at both ends. */
export function useTransferAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, version, note }: { id: string; action: TransferAction; version: number; note?: string | null }) =>
      transferAction(id, action, { version, note }),
    onSettled: () => {
      void reread(client, partsKeys.transfers());
      void reread(client, partsKeys.allStock());
    },
  });
}

// ---- hooks: counts --------------------------------------------------------------------------

export function useCountList(outlet: string | undefined) {
  return useCursorList(partsKeys.counts(outlet), (cursor) => listCounts(outlet!, cursor), { enabled: Boolean(outlet) });
}

export function useStartCount(outlet: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCount) => startCount(outlet!, body),
    onSuccess: () => reread(client, partsKeys.counts(outlet)),
  });
}

/** A count with its lines (the variance report). */
export function useCount(outlet: string | undefined, id: string | undefined) {
  return useQuery({ queryKey: partsKeys.count(outlet, id), queryFn: () => getCount(outlet!, id!), enabled: Boolean(outlet && id) });
}

/** Records a counted quantity (and the reason of a variance); the line comes back with its book. */
export function useCountLine(outlet: string | undefined, id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, counted, reason }: { code: string; counted: number; reason?: string | null }) => putCountLine(outlet!, id!, code, { counted, reason }),
    onSuccess: () => reread(client, partsKeys.count(outlet, id)),
  });
}

export function useCountAction(outlet: string | undefined, id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, version, note }: { action: CountAction; version: number; note?: string | null }) => countAction(outlet!, id!, action, { version, note }),
    onSettled: () => {
      void reread(client, partsKeys.counts(outlet));
      void reread(client, partsKeys.stock(outlet));
    },
  });
}

// ---- requisitions on an order (见单发料) ------------------------------------------------------

export const createRequisition = (body: NewRequisition) => data(api.POST('/api/parts/requisitions', { body }));
export const listRequisitions = (query: { queue: RequisitionQueue; outlet?: string; cursor?: string }) =>
  data(api.GET('/api/parts/requisitions', { params: { query } }));
export const requisitionAction = (orderId: string, id: string, action: RequisitionAction, body: RequisitionActionBody & { version: number }) =>
  data(api.POST('/api/work-orders/{order_id}/requisitions/{requisition_id}/actions/{requisition_action}', {
    params: { path: { order_id: orderId, requisition_id: id, requisition_action: action } }, body }));
export const createPartsException = (orderId: string, body: NewPartsException) =>
  data(api.POST('/api/work-orders/{order_id}/parts-exceptions', { params: { path: { order_id: orderId } }, body }));

/** A requisition queue (to approve, head office's, to issue, to return), page by page. */
export function useRequisitionQueue(queue: RequisitionQueue) {
  return useCursorList(partsKeys.requisitionQueue(queue), (cursor) => listRequisitions({ queue, cursor }), { staleTime: 0 });
}

/** After a requisition changed: its order's page, the queues and the stock are read again. */
function useRequisitionWritten() {
  const client = useQueryClient();
  return (orderId: string) => {
    void reread(client, orderKeys.detail(orderId));
    void reread(client, partsKeys.requisitions());
    void reread(client, partsKeys.allStock());
  };
}

export function useCreateRequisition() {
  const written = useRequisitionWritten();
  return useMutation({ mutationFn: createRequisition, onSuccess: (_r, body) => written(body.order_id) });
}

/** Approve, reject, issue, receive, return or cancel a requisition at the version seen. */
export function useRequisitionAction() {
  const written = useRequisitionWritten();
  return useMutation({
    mutationFn: ({ orderId, id, action, body }: { orderId: string; id: string; action: RequisitionAction; body: RequisitionActionBody & { version: number } }) =>
      requisitionAction(orderId, id, action, body),
    onSettled: (_r, _e, { orderId }) => written(orderId),
  });
}

export function useCreatePartsException() {
  const written = useRequisitionWritten();
  return useMutation({
    mutationFn: ({ orderId, body }: { orderId: string; body: NewPartsException }) => createPartsException(orderId, body),
    onSuccess: (_r, { orderId }) => written(orderId),
  });
}
