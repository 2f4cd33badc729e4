import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { reread } from '../../app/queryClient';
import { apiData as data } from '../../utils/apiData';
import { useCursorList } from '../../utils/useCursorList';
import { conductKeys } from '../conduct/queries';
import { orderKeys } from '../orders/queries';
import { slaKeys } from '../sla/queries';
import type { Complaint, ComplaintActionName, ComplaintSettings, ComplaintStatus, NewComplaint } from './types';
import { putAnswer } from '../../utils/cache';

/** Query keys of the complaints area. */
export const complaintKeys = {
  all: ['complaints'] as const,
  lists: () => ['complaints', 'list'] as const,
  list: (scope: { outlet?: string; queue?: 'head_office'; status: ComplaintStatus }) => ['complaints', 'list', scope] as const,
  detail: (id: string) => ['complaints', 'detail', id] as const,
  settings: () => ['complaints', 'settings'] as const,
};

const LIVE = { staleTime: 0 };

// ---- calls ----------------------------------------------------------------------------------

export const listComplaints = (query: { outlet?: string; queue?: 'head_office'; status: ComplaintStatus; cursor?: string }) =>
  data(api.GET('/api/complaints', { params: { query } }));
export const getComplaint = (id: string) => data(api.GET('/api/complaints/{complaint_id}', { params: { path: { complaint_id: id } } }));
export const createComplaint = (body: NewComplaint, idempotencyKey: string) =>
  data(api.POST('/api/complaints', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }));
export const complaintAction = (id: string, action: ComplaintActionName, version: number, body: Record<string, unknown>) =>
  data(api.POST('/api/complaints/{complaint_id}/actions/{complaint_action}', {
    params: { path: { complaint_id: id, complaint_action: action } },
    body: { version, data: body },
  }));
export const getSettings = () => data(api.GET('/api/complaints/settings'));
export const putSettings = (settings: ComplaintSettings, version: number) => data(api.PUT('/api/complaints/settings', { body: { settings, version } }));

// ---- hooks ----------------------------------------------------------------------------------

/** An outlet's complaints (open or done), or head office's own queue, newest first. */
export function useComplaintList(scope: { outlet?: string; queue?: 'head_office'; status: ComplaintStatus }, enabled: boolean) {
  return useCursorList(complaintKeys.list(scope), (cursor) => listComplaints({ ...scope, cursor }), { enabled, ...LIVE });
}

/** A complaint with its steps, clocks, timeline and the reader's actions. */
export function useComplaint(id: string) {
  return useQuery({ queryKey: complaintKeys.detail(id), queryFn: () => getComplaint(id), meta: { silent: true }, ...LIVE });
}

/** Reads the complaint again now (after a conflict) and caches it. */
export const refetchComplaint = (client: QueryClient, id: string) =>
  client.fetchQuery({ queryKey: complaintKeys.detail(id), queryFn: () => getComplaint(id), staleTime: 0 });

/** The routing table, departments, repeat window, multiplier and base penalties. */
export function useComplaintSettings(enabled = true) {
  return useQuery({ queryKey: complaintKeys.settings(), queryFn: getSettings, enabled });
}

/** The people a complaint names (complained about, responsible, penalised, owning the
 * improvement): their records list it or its penalty. */
const peopleOf = (c: Complaint) =>
  [c.about.staff, c.responsibility?.person, c.penalty?.person, c.improvement?.owner].filter((u): u is string => Boolean(u));

/** What a complaint's change may change elsewhere: the boards, the at-risk board (its clocks)
 * and the records of the people it names. */
function rereadViews(client: QueryClient, complaint: Complaint) {
  void reread(client, complaintKeys.lists());
  void client.invalidateQueries({ queryKey: slaKeys.atRisks() });
  for (const username of new Set(peopleOf(complaint))) void client.invalidateQueries({ queryKey: conductKeys.person(username) });
}

export function useCreateComplaint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewComplaint; idempotencyKey: string }) => createComplaint(body, idempotencyKey),
    onSuccess: (complaint) => {
      putAnswer(client, complaintKeys.detail(complaint.id), complaint);
      rereadViews(client, complaint);
      // the order's timeline says "客户投诉登记"
      if (complaint.about.order_id) void reread(client, orderKeys.detail(complaint.about.order_id));
    },
  });
}

/** A step of the process at the version the user saw; the answer is the complaint as it is now. */
export function useComplaintAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, version, body }: { action: ComplaintActionName; version: number; body: Record<string, unknown> }) =>
      complaintAction(id, action, version, body),
    onSuccess: (complaint: Complaint) => {
      putAnswer(client, complaintKeys.detail(id), complaint);
      rereadViews(client, complaint);
    },
  });
}

export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ settings, version }: { settings: ComplaintSettings; version: number }) => putSettings(settings, version),
    onSuccess: (saved) => client.setQueryData(complaintKeys.settings(), saved),
  });
}
