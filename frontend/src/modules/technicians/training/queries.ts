import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { reread } from '../../../app/queryClient';
import { apiData as data } from '../../../utils/apiData';
import { conductKeys } from '../../conduct/queries';
import { technicianKeys } from '../queries';
import type { DecideBody, PlanBody, PlanEditBody, ProposalList, ResultsBody, SessionBody, TrainingSession } from './types';
import { putAnswer } from '../../../utils/cache';

/** Query keys of training (培训): every input in the key (the outlet, the year, the session). */
export const trainingKeys = {
  all: ['technicians', 'training'] as const,
  plansAll: () => ['technicians', 'training', 'plans'] as const,
  plans: (outlet: string | undefined, year: number) => ['technicians', 'training', 'plans', { outlet, year }] as const,
  sessionsAll: () => ['technicians', 'training', 'sessions'] as const,
  sessions: (outlet: string | undefined, year: number) => ['technicians', 'training', 'sessions', { outlet, year }] as const,
  session: (id: string | undefined) => ['technicians', 'training', 'session', id] as const,
  proposalsAll: () => ['technicians', 'training', 'proposals'] as const,
  proposals: (outlet: string | undefined, state: ProposalList) => ['technicians', 'training', 'proposals', { outlet, state }] as const,
};

const LIVE = { staleTime: 0 };

// ---- calls ----------------------------------------------------------------------------------

const plan = (id: string) => ({ path: { plan_id: id } });
const session = (id: string) => ({ path: { session_id: id } });

export const listPlans = (outlet: string | undefined, year: number) => data(api.GET('/api/technicians/training/plans', { params: { query: { outlet, year } } }));
export const createPlan = (body: PlanBody) => data(api.POST('/api/technicians/training/plans', { body }));
export const editPlan = (id: string, body: PlanEditBody) => data(api.PUT('/api/technicians/training/plans/{plan_id}', { params: plan(id), body }));
export const approvePlan = (id: string, version: number) => data(api.POST('/api/technicians/training/plans/{plan_id}/approve', { params: plan(id), body: { version } }));
export const listSessions = (outlet: string | undefined, year: number) => data(api.GET('/api/technicians/training/sessions', { params: { query: { outlet, year } } }));
export const createSession = (body: SessionBody) => data(api.POST('/api/technicians/training/sessions', { body }));
export const getSession = (id: string) => data(api.GET('/api/technicians/training/sessions/{session_id}', { params: session(id) }));
export const recordResults = (id: string, body: ResultsBody) => data(api.POST('/api/technicians/training/sessions/{session_id}/results', { params: session(id), body }));
export const listProposals = (outlet: string | undefined, state: ProposalList) => data(api.GET('/api/technicians/training/proposals', { params: { query: { outlet, state } } }));
export const decideProposal = (id: string, body: DecideBody) =>
  data(api.POST('/api/technicians/training/proposals/{proposal_id}/decide', { params: { path: { proposal_id: id } }, body }));

// ---- hooks ----------------------------------------------------------------------------------

/** An outlet's (or the network's) training plans of a year. `enabled` false until the outlet is known. */
export function usePlans(outlet: string | undefined, year: number, enabled: boolean) {
  return useQuery({ queryKey: trainingKeys.plans(outlet, year), queryFn: () => listPlans(outlet, year), enabled, ...LIVE });
}

/** An outlet's training sessions of a year, latest first. */
export function useSessions(outlet: string | undefined, year: number, enabled: boolean) {
  return useQuery({ queryKey: trainingKeys.sessions(outlet, year), queryFn: () => listSessions(outlet, year), enabled, ...LIVE });
}

/** One session with its attendees (and their results once recorded). */
export function useSession(id: string | undefined) {
  return useQuery({ queryKey: trainingKeys.session(id), queryFn: () => getSession(id!), enabled: Boolean(id), meta: { silent: true }, ...LIVE });
}

/** The penalties proposed for an absence: waiting for the outlet's manager (oldest first), or
 * decided (newest first). */
export function useProposals(outlet: string | undefined, state: ProposalList, enabled: boolean) {
  return useQuery({ queryKey: trainingKeys.proposals(outlet, state), queryFn: () => listProposals(outlet, state), enabled, ...LIVE });
}

/** Creates or edits a plan, or approves one: the plan lists are read again (a read already on
 * its way is dropped first, so it cannot put the old list back). */
export function useSavePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id?: string; version?: number; body: PlanBody }) => {
      if (!id) return createPlan(body);
      const { outlet: _outlet, ...fields } = body; // a plan's outlet is not changed
      return editPlan(id, { ...fields, version: version ?? 0 });
    },
    onSuccess: () => reread(client, trainingKeys.plansAll()),
  });
}

export function useApprovePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => approvePlan(id, version),
    onSuccess: () => reread(client, trainingKeys.plansAll()),
  });
}

export function useCreateSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SessionBody) => createSession(body),
    onSuccess: (session) => {
      putAnswer(client, trainingKeys.session(session.id), session);
      return reread(client, trainingKeys.sessionsAll());
    },
  });
}

/** What recording a session's results changes elsewhere: the session lists, the proposals
 * (absences), the attendees' files (trainings, 补考 pending, certificates) and the outlet's
 * technicians and expiry list (a new certificate). */
function rereadAfterResults(client: QueryClient, session: TrainingSession) {
  void reread(client, trainingKeys.sessionsAll());
  void reread(client, trainingKeys.proposalsAll());
  for (const a of session.attendees) void reread(client, technicianKeys.file(a.username));
  void reread(client, technicianKeys.lists());
  void reread(client, technicianKeys.expiringAll());
}

export function useRecordResults(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ResultsBody) => recordResults(id, body),
    onSuccess: async (session) => {
      // a read of the session already on its way would put the unrecorded one back: dropped first
      await client.cancelQueries({ queryKey: trainingKeys.session(id) });
      putAnswer(client, trainingKeys.session(id), session);
      rereadAfterResults(client, session);
    },
  });
}

/** Approves (→ a penalty in the person's conduct record) or dismisses a proposed penalty. */
export function useDecideProposal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: DecideBody & { id: string }) => decideProposal(id, body),
    onSuccess: (proposal) => {
      void reread(client, trainingKeys.proposalsAll());
      void reread(client, technicianKeys.file(proposal.username));
      // the session it came from shows each attendee's proposal and its state
      void reread(client, trainingKeys.session(proposal.source.id));
      void client.invalidateQueries({ queryKey: conductKeys.all });
    },
  });
}
