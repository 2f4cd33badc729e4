import { useQuery } from '@tanstack/react-query';
import { getDispatchBoard, getDispatchCandidates } from '../../api/client';
import type { components } from '../../api/schema';
import type { DispatchBoard, DispatchCandidates } from '../../api/types';
import { REFRESH_MS, whileVisible } from '../../api/refresh';

type Schemas = components['schemas'];
export type { DispatchBoard, DispatchCandidates };
export type DispatchCandidate = Schemas['DispatchCandidate'];
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

/** The outlet's technicians for dispatching (or reassigning) an order, most suitable first. */
export function useDispatchCandidates(orderId: string, enabled = true) {
  return useQuery({
    queryKey: dispatchKeys.candidates(orderId),
    queryFn: () => getDispatchCandidates(orderId),
    enabled,
    meta: { silent: true },
    ...LIVE,
  });
}

/** An outlet's technicians with their open jobs and today's and tomorrow's visits; the board
 * follows the day's work: read again while it is open and visible, and when the tab is shown
 * again (never while hidden). */
export function useDispatchBoard(outlet: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: dispatchKeys.board(outlet),
    queryFn: () => getDispatchBoard(outlet),
    enabled,
    meta: { silent: true },
    ...whileVisible(REFRESH_MS.dispatchBoard),
    refetchOnWindowFocus: true,
    ...LIVE,
  });
}
