import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { components } from '../../../api/schema';
import { reread } from '../../../app/queryClient';
import { apiData as data } from '../../../utils/apiData';

export type ComplaintRate = components['schemas']['ComplaintRate'];
export type ComplaintRateItem = components['schemas']['ComplaintRateItem'];

/** Query keys of the monthly complaint rate (月度投诉率). */
export const rateKeys = {
  all: ['complaints', 'rate'] as const,
  /** `scope` undefined: the caller's own (a manager's outlet). */
  month: (scope: string | undefined, month: string) => ['complaints', 'rate', { scope, month }] as const,
};

export const getComplaintRate = (month: string, outlet?: string) => data(api.GET('/api/complaints/rate', { params: { query: { month, outlet } } }));
export const runComplaintRate = (month: string) => data(api.POST('/api/complaints/rate/runs', { body: { month } }));

/** A scope's month as the job built it; a 404 not_built is the page's to say ("not yet"). */
export function useComplaintRate(scope: string | undefined, month: string, enabled = true) {
  return useQuery({ queryKey: rateKeys.month(scope, month), queryFn: () => getComplaintRate(month, scope), enabled, meta: { silent: true } });
}

/** Head office builds (or rebuilds) a past month now: every scope of that month is read again. */
export function useRunComplaintRate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (month: string) => runComplaintRate(month),
    onSuccess: () => reread(client, rateKeys.all),
  });
}
