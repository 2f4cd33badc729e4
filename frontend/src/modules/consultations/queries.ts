import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { reread } from '../../app/queryClient';
import { apiData as data } from '../../utils/apiData';
import { useCursorList } from '../../utils/useCursorList';
import { conductKeys } from '../conduct/queries';
import { slaKeys } from '../sla/queries';
import type { ConsultationAction, ConsultationStatus, NewConsultation } from './types';
import { putAnswer } from '../../utils/cache';

/** Query keys of the consultations area. */
export const consultationKeys = {
  all: ['consultations'] as const,
  lists: () => ['consultations', 'list'] as const,
  list: (outlet: string | undefined, status: ConsultationStatus) => ['consultations', 'list', { outlet, status }] as const,
  detail: (id: string | undefined) => ['consultations', 'detail', id] as const,
};

// ---- calls ----------------------------------------------------------------------------------

export const listConsultations = (query: { outlet?: string; status: ConsultationStatus; cursor?: string }) =>
  data(api.GET('/api/consultations', { params: { query } }));
export const getConsultation = (id: string) => data(api.GET('/api/consultations/{consultation_id}', { params: { path: { consultation_id: id } } }));
export const createConsultation = (body: NewConsultation, idempotencyKey: string) =>
  data(api.POST('/api/consultations', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }));
export const consultationAction = (id: string, action: ConsultationAction, body: { version: number; data: Record<string, unknown> }) =>
  data(api.POST('/api/consultations/{consultation_id}/actions/{consultation_action}', { params: { path: { consultation_id: id, consultation_action: action } }, body }));

// ---- hooks ----------------------------------------------------------------------------------

/** An outlet's consultations, open (待交接) or done (已办结), newest first, page by page. */
export function useConsultationList(outlet: string | undefined, status: ConsultationStatus, enabled: boolean) {
  return useCursorList(consultationKeys.list(outlet, status), (cursor) => listConsultations({ outlet, status, cursor }), { enabled, staleTime: 0 });
}

/** A consultation with its clocks, timeline and the reader's actions (live: stale at once). */
export function useConsultation(id: string | undefined) {
  return useQuery({ queryKey: consultationKeys.detail(id), queryFn: () => getConsultation(id!), enabled: Boolean(id), staleTime: 0 });
}

/** What a consultation's change may change elsewhere: the boards and the at-risk board. */
function rereadViews(client: ReturnType<typeof useQueryClient>) {
  void reread(client, consultationKeys.lists());
  void client.invalidateQueries({ queryKey: slaKeys.atRisks() });
}

/** Records a customer's question or information (any staff member). */
export function useCreateConsultation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewConsultation; idempotencyKey: string }) => createConsultation(body, idempotencyKey),
    onSuccess: (made) => {
      putAnswer(client, consultationKeys.detail(made.id), made);
      rereadViews(client);
    },
  });
}

/** Takes the desk's action with the version the user saw; the page takes the answer. */
export function useConsultationAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, version, data }: { action: ConsultationAction; version: number; data: Record<string, unknown> }) => consultationAction(id, action, { version, data }),
    onSuccess: (made) => {
      putAnswer(client, consultationKeys.detail(id), made);
      rereadViews(client);
      if (made.converted?.to === 'complaint') {
        // the complaint made from it: the complaints' boards, the record of whom it is about
        void client.invalidateQueries({ queryKey: ['complaints'] });
        void client.invalidateQueries({ queryKey: conductKeys.all });
      }
    },
  });
}
