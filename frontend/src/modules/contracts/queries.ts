import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { apiData as data } from '../../utils/apiData';
import { useCursorList } from '../../utils/useCursorList';
import type { Contract, ContractChange, ContractFilters, ContractRenewal, NewContract } from './types';
import { putAnswer } from '../../utils/cache';

/** Query keys of the contracts area (维护合同): every filter in the list's key. */
export const contractKeys = {
  all: ['contracts'] as const,
  lists: () => ['contracts', 'list'] as const,
  list: (filters: ContractFilters) => ['contracts', 'list', filters] as const,
  one: (id: string) => ['contracts', 'one', id] as const,
};

const LIST_PAGE = 50;
const path = (contract_id: string) => ({ path: { contract_id } });
const keyed = (idempotencyKey: string) => ({ header: { 'Idempotency-Key': idempotencyKey } });

// ---- calls ----------------------------------------------------------------------------------

export const listContracts = (f: ContractFilters, cursor?: string) =>
  data(
    api.GET('/api/contracts', {
      params: {
        query: {
          outlet: f.outlet,
          state: f.state,
          customer_id: f.customer,
          renewal_due: f.renewalDue ? 'true' : undefined,
          limit: LIST_PAGE,
          cursor,
        },
      },
    }),
  );
export const getContract = (id: string) => data(api.GET('/api/contracts/{contract_id}', { params: path(id) }));
export const createContract = (body: NewContract, idempotencyKey: string) => data(api.POST('/api/contracts', { params: keyed(idempotencyKey), body }));
export const putContract = (id: string, body: ContractChange) => data(api.PUT('/api/contracts/{contract_id}', { params: path(id), body }));
export const activateContract = (id: string, version: number) =>
  data(api.POST('/api/contracts/{contract_id}/activate', { params: path(id), body: { version } }));
export const terminateContract = (id: string, version: number, reason: string) =>
  data(api.POST('/api/contracts/{contract_id}/terminate', { params: path(id), body: { version, reason } }));
export const renewContract = (id: string, body: ContractRenewal, idempotencyKey: string) =>
  data(api.POST('/api/contracts/{contract_id}/renew', { params: { ...path(id), ...keyed(idempotencyKey) }, body }));

// ---- hooks ----------------------------------------------------------------------------------

/** The contracts of the filters, page by page (live: read again whenever the page opens). */
export function useContractList(filters: ContractFilters, enabled = true) {
  return useCursorList(contractKeys.list(filters), (cursor) => listContracts(filters, cursor), { enabled, staleTime: 0 });
}

/** One contract with its coverage, call-outs, events and what the reader may do. */
export function useContract(id: string | undefined) {
  return useQuery({ queryKey: contractKeys.one(id ?? ''), queryFn: () => getContract(id!), enabled: Boolean(id), meta: { silent: true }, staleTime: 0 });
}

/** The answer of a write in place; the lists read again. */
async function place(client: QueryClient, contract: Contract) {
  await client.cancelQueries({ queryKey: contractKeys.one(contract.id) });
  putAnswer(client, contractKeys.one(contract.id), contract);
  void client.invalidateQueries({ queryKey: contractKeys.lists() });
}

export function useCreateContract() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewContract; idempotencyKey: string }) => createContract(body, idempotencyKey),
    onSuccess: (contract) => place(client, contract),
  });
}

/** Saves the form's changes on the version it was opened at. */
export function useSaveContract(id: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (body: ContractChange) => putContract(id, body), onSuccess: (contract) => place(client, contract) });
}

export function useActivateContract(id: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (version: number) => activateContract(id, version), onSuccess: (contract) => place(client, contract) });
}

export function useTerminateContract(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, reason }: { version: number; reason: string }) => terminateContract(id, version, reason),
    onSuccess: (contract) => place(client, contract),
  });
}

/** The renewal (a new contract); the old one (now naming it) is read again. */
export function useRenewContract(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ContractRenewal; idempotencyKey: string }) => renewContract(id, body, idempotencyKey),
    onSuccess: async (renewal) => {
      await place(client, renewal);
      void client.invalidateQueries({ queryKey: contractKeys.one(id) });
    },
  });
}

/** Reads the contract again (after a 409 stale version). */
export const rereadContract = (client: QueryClient, id: string) => client.invalidateQueries({ queryKey: contractKeys.one(id) });
