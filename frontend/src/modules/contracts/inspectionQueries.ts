import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { apiData as data } from '../../utils/apiData';
import type { WorkOrderDetail } from '../../api/types';
import { putAnswer } from '../../utils/cache';
import { errorKind, isStaleVersion } from '../../utils/errors';
import { ApiError } from '../../api/client';
import { invalidateOrderViews, orderKeys, refetchWorkOrder } from '../orders/queries';
import { contractKeys } from './queries';
import type { ChecklistAnswer, ChecklistAnswerBody, ChecklistRepairBody, OrderChecklist } from './inspectionTypes';

// ---- calls ----------------------------------------------------------------------------------

const orderPath = (order_id: string) => ({ path: { order_id } });

export const putChecklistAnswer = (orderId: string, body: ChecklistAnswerBody) =>
  data(api.PUT('/api/work-orders/{order_id}/checklist', { params: orderPath(orderId), body }));
export const openChecklistRepair = (orderId: string, body: ChecklistRepairBody, idempotencyKey: string) =>
  data(api.POST('/api/work-orders/{order_id}/checklist/repair', { params: { ...orderPath(orderId), header: { 'Idempotency-Key': idempotencyKey } }, body }));
export const generateQuarterly = (contractId: string, quarter: string) =>
  data(api.POST('/api/contracts/{contract_id}/quarterly', { params: { path: { contract_id: contractId } }, body: { quarter } }));

// ---- cache ----------------------------------------------------------------------------------

/** The order's checklist as the page shows it (the query cache's order). */
export const cachedChecklist = (client: QueryClient, orderId: string): OrderChecklist | null =>
  client.getQueryData<WorkOrderDetail>(orderKeys.detail(orderId))?.checklist ?? null;

/** A write's answer (the checklist at its new version) put in the order the page shows. */
function placeChecklist(client: QueryClient, orderId: string, checklist: OrderChecklist) {
  const order = client.getQueryData<WorkOrderDetail>(orderKeys.detail(orderId));
  if (!order) return;
  const shown = order.checklist;
  if (shown && shown.version > checklist.version) return; // a newer one is there already
  putAnswer(client, orderKeys.detail(orderId), { ...order, checklist });
}

/** The order read again (after a stale version or a closed checklist). */
export const rereadOrder = (client: QueryClient, orderId: string) => refetchWorkOrder(client, orderId);

// ---- hooks ----------------------------------------------------------------------------------

export interface AnswerInput {
  area: number;
  item: number;
  answer: ChecklistAnswerBody['answer'];
  note?: string;
  photo_id?: string;
  /** The item's answer the row showed when it was tapped: a save refused as stale is sent once
   * more on the fresh version only when the fresh read still has this answer (nobody else
   * answered the item meanwhile). */
  seen?: ChecklistAnswer | null;
}

/**
 * Saves one item's answer. Taps follow each other faster than the answers come back: the saves
 * of one order go one after the other, each on the checklist's version the page shows when it
 * is sent (the previous save's answer, put in the cache), never two on one version.
 */
export function useAnswerChecklist(orderId: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: ({ seen, ...input }: AnswerInput) => inTurn(client, orderId, () => answerOnShownVersion(client, orderId, input, seen)) });
}

/** The saves waiting for one order's checklist (one after the other, tab-wide). */
const turns = new Map<string, Promise<unknown>>();

/** A refusal after which the checklist the page shows cannot be trusted: someone else's newer
 * version, a reply lost on the way (the save may have gone through), a checklist closed. */
const needsReread = (err: unknown) =>
  isStaleVersion(err) || errorKind(err) === 'network' || (err instanceof ApiError && (err.code === 'checklist_closed' || err.code === 'repair_exists'));

/**
 * `send` once the order's earlier saves are through. A save refused as stale (or whose reply was
 * lost) holds the turn until the order is read again: the next save goes on the fresh version,
 * not on the same old one. After the last of a burst the order is read again in the background
 * (its timeline has the answers' events); a save sent meanwhile cancels that read as it puts its
 * answer (utils/cache).
 */
function inTurn<T>(client: QueryClient, orderId: string, send: () => Promise<T>): Promise<T> {
  const guarded = async () => {
    try {
      return await send();
    } catch (err) {
      if (needsReread(err)) await rereadOrder(client, orderId).catch(() => undefined);
      throw err;
    }
  };
  const run = (turns.get(orderId) ?? Promise.resolve()).then(guarded);
  const settled = run.catch(() => undefined);
  turns.set(orderId, settled);
  void settled.then(() => {
    if (turns.get(orderId) !== settled) return;
    turns.delete(orderId);
    void client.invalidateQueries({ queryKey: orderKeys.detail(orderId), exact: true });
  });
  return run;
}

async function answerOnShownVersion(client: QueryClient, orderId: string, input: Omit<AnswerInput, 'seen'>, seen?: ChecklistAnswer | null): Promise<OrderChecklist> {
  const send = async () => {
    const version = cachedChecklist(client, orderId)?.version ?? 0;
    const { checklist } = await putChecklistAnswer(orderId, { version, ...input });
    placeChecklist(client, orderId, checklist);
    return checklist;
  };
  try {
    return await send();
  } catch (err) {
    if (!isStaleVersion(err) || seen === undefined) throw err;
    // someone (or this phone's earlier save whose reply was lost) moved the checklist on: read it
    // again; the item still as the row showed it, the tap is sent once more on the fresh version
    await rereadOrder(client, orderId).catch(() => undefined);
    const fresh = cachedChecklist(client, orderId)?.areas[input.area]?.items[input.item];
    if (!fresh || (fresh.answer ?? null) !== seen) throw err;
    return send();
  }
}

/** Opens the repair order of a fault (one per item; the Idempotency-Key makes a resend one). */
export function useOpenRepair(orderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ area, item, description, calloutOverride, idempotencyKey }: { area: number; item: number; description?: string; calloutOverride?: string; idempotencyKey: string }) =>
      inTurn(client, orderId, async () => {
        const version = cachedChecklist(client, orderId)?.version ?? 0;
        const body: ChecklistRepairBody = { version, area, item, description, ...(calloutOverride ? { callout_override: { reason: calloutOverride } } : {}) };
        const opened = await openChecklistRepair(orderId, body, idempotencyKey);
        placeChecklist(client, orderId, opened.checklist);
        return opened;
      }),
    onSuccess: () => {
      // the new repair on the lists, the boards and the contract's call-out count
      invalidateOrderViews(client);
      const contractId = cachedChecklist(client, orderId)?.contract_id;
      if (contractId) void client.invalidateQueries({ queryKey: contractKeys.one(contractId) });
    },
  });
}

/** Generates (or finds) the contract's report of a quarter; the contract's page reads again. */
export function useQuarterlyReport(contractId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (quarter: string) => generateQuarterly(contractId, quarter),
    onSuccess: () => void client.invalidateQueries({ queryKey: contractKeys.one(contractId) }),
  });
}
