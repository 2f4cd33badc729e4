import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { apiData as data } from '../../../utils/apiData';
import type { SignBody } from './types';

/** Query keys of the monthly appraisal (月度考核): the outlet and the month in the key
 * (`outlet` undefined: a manager's own). */
export const appraisalKeys = {
  all: ['technicians', 'appraisals'] as const,
  month: (outlet: string | undefined, month: string) => ['technicians', 'appraisals', { outlet, month }] as const,
};

export const getAppraisal = (month: string, outlet?: string) => data(api.GET('/api/technicians/appraisals', { params: { query: { month, outlet } } }));
export const signAppraisal = (body: SignBody) => data(api.POST('/api/technicians/appraisals/sign', { body }));

/** An outlet's month: live while open (computed on each read), frozen once signed. */
export function useAppraisal(outlet: string | undefined, month: string, enabled: boolean) {
  return useQuery({ queryKey: appraisalKeys.month(outlet, month), queryFn: () => getAppraisal(month, outlet), enabled, staleTime: 0 });
}

/**
 * Signs a month off (the version read): the answer is the signed month, put in its place (a read
 * already on its way is dropped first so it cannot put the open month back); the outlet's other
 * months (later months' adjustments to signed months) are read again when next shown.
 */
export function useSignAppraisal(outlet: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: signAppraisal,
    onSuccess: async (signed, body) => {
      const key = appraisalKeys.month(outlet, body.month);
      await client.cancelQueries({ queryKey: key });
      client.setQueryData(key, signed);
      const signedKey = JSON.stringify(key);
      void client.invalidateQueries({ queryKey: appraisalKeys.all, predicate: (q) => JSON.stringify(q.queryKey) !== signedKey });
    },
  });
}
