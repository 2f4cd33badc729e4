import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { reread } from '../../app/queryClient';
import { apiData as data } from '../../utils/apiData';

type Schemas = components['schemas'];
export type ConductRecord = Schemas['ConductRecord'];
export type ConductEntry = Schemas['ConductEntry'];
export type LedgerBody = NonNullable<import('../../api/schema').operations['post_api_staff_username_ledger']['requestBody']>['content']['application/json'];

/** Query keys of the conduct ledger (奖惩台账). */
export const conductKeys = {
  all: ['conduct'] as const,
  person: (username: string | undefined) => ['conduct', 'record', username] as const,
  record: (username: string | undefined, month: string | undefined) => ['conduct', 'record', username, { month }] as const,
};

export const getRecord = (username: string, month?: string) =>
  data(api.GET('/api/staff/{username}/record', { params: { path: { username }, query: { month } } }));
export const addLedgerEntry = (username: string, body: LedgerBody, idempotencyKey: string) =>
  data(api.POST('/api/staff/{username}/ledger', { params: { path: { username }, header: { 'Idempotency-Key': idempotencyKey } }, body }));

/** A person's record of a month (no month: this month at their outlet, as the server says). */
export function useConductRecord(username: string | undefined, month: string | undefined) {
  return useQuery({ queryKey: conductKeys.record(username, month), queryFn: () => getRecord(username!, month), enabled: Boolean(username), staleTime: 0 });
}

/** Enters a reward or a penalty; the person's record is read again (every month shown). */
export function useAddLedgerEntry(username: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: LedgerBody; idempotencyKey: string }) => addLedgerEntry(username, body, idempotencyKey),
    onSuccess: () => reread(client, conductKeys.person(username)),
  });
}
