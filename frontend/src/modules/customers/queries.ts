import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createCustomer, getCustomer, searchCustomers } from '../../api/client';
import type { Customer, NewCustomer } from '../../api/types';
import { useDebounced } from '../../utils/useDebounced';
import { putAnswer } from '../../utils/cache';

/** Query keys of customers. */
export const customerKeys = {
  all: ['customers'] as const,
  searches: () => ['customers', 'search'] as const,
  search: (q: string, outlet: string | undefined) => ['customers', 'search', { q, outlet }] as const,
  detail: (id: string | undefined) => ['customers', 'detail', id] as const,
};

const SEARCH_DELAY_MS = 300;
const MATCHES = 10;
const NONE: Customer[] = [];

/**
 * The customers (of `outlet`; undefined: the user's own) whose name or phone starts with what
 * was typed, asked once the typing pauses. While the next answer is on its way the last
 * matches of the same outlet stay; nothing while the text is empty or `enabled` is false.
 */
export function useCustomerSearch(typed: string, outlet: string | undefined, enabled = true): Customer[] {
  const text = typed.trim();
  const q = useDebounced(text, SEARCH_DELAY_MS);
  const active = enabled && text.length > 0 && q.length > 0;
  const { data } = useQuery({
    queryKey: customerKeys.search(q, outlet),
    queryFn: () => searchCustomers({ q, outlet, limit: MATCHES }),
    enabled: active,
    placeholderData: (previous, previousQuery) =>
      previousQuery && previousQuery.queryKey[2].outlet === outlet ? keepPreviousData(previous) : undefined,
  });
  return (active && data?.items) || NONE;
}

/** A customer with their sites and equipment; nothing while `id` is undefined. */
export function useCustomer(id: string | undefined) {
  return useQuery({ queryKey: customerKeys.detail(id), queryFn: () => getCustomer(id!), enabled: Boolean(id) });
}

/** Whose mutations create a customer: a form waiting on one asks `useIsMutating` with it. */
export const CREATE_CUSTOMER = ['customers', 'create'] as const;

/** Creates a customer; the new one is cached for the form that picks it next. */
export function useCreateCustomer() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: CREATE_CUSTOMER,
    mutationFn: ({ body, idempotencyKey }: { body: NewCustomer; idempotencyKey: string }) => createCustomer(body, idempotencyKey),
    onSuccess: (created) => {
      putAnswer(client, customerKeys.detail(created.id), created);
      void client.invalidateQueries({ queryKey: customerKeys.searches() });
    },
  });
}
