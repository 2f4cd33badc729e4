import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';

type Schemas = components['schemas'];
export type DispatchCandidates = Schemas['DispatchCandidates'];
export type DispatchCandidate = Schemas['DispatchCandidate'];
export type DispatchBoard = Schemas['DispatchBoard'];
export type BoardTechnician = DispatchBoard['technicians'][number];
export type BoardJob = Schemas['BoardJob'];
export type AgreedVisit = Schemas['AgreedVisit'];
export type SuitabilityReason = Schemas['SuitabilityReason'];

/** Query keys of dispatching. An outlet left out means the user's own outlet (the API's default). */
export const dispatchKeys = {
  all: ['dispatch'] as const,
  candidates: (orderId: string) => ['dispatch', 'candidates', orderId] as const,
  board: (outlet: string | undefined) => ['dispatch', 'board', { outlet }] as const,
};

// Workloads change under other people's hands: shown from the cache, asked again on opening.
const LIVE = { staleTime: 0 };
/** The board follows the day's work: asked again every minute while it is open. */
const BOARD_REFRESH_MS = 60_000;

/** The outlet's technicians for dispatching (or reassigning) an order, most suitable first. */
export function useDispatchCandidates(orderId: string, enabled = true) {
  return useQuery({
    queryKey: dispatchKeys.candidates(orderId),
    queryFn: async () =>
      (await api.GET('/api/work-orders/{order_id}/dispatch-candidates', { params: { path: { order_id: orderId } } })).data as DispatchCandidates,
    enabled,
    meta: { silent: true },
    ...LIVE,
  });
}

/** An outlet's technicians with their open jobs and today's and tomorrow's visits. */
export function useDispatchBoard(outlet: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: dispatchKeys.board(outlet),
    queryFn: async () => (await api.GET('/api/dispatch-board', { params: { query: { outlet } } })).data as DispatchBoard,
    enabled,
    meta: { silent: true },
    refetchInterval: BOARD_REFRESH_MS,
    refetchOnWindowFocus: true,
    ...LIVE,
  });
}
