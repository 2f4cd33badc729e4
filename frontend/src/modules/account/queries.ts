import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getPreferences, updatePreferences } from '../../api/client';
import type { PreferencesChange } from '../../api/types';

/** Query keys of the account area. */
export const accountKeys = {
  preferences: () => ['account', 'preferences'] as const,
};

/** The signed-in user's notice preferences (read when the page opens). */
export function usePreferences() {
  return useQuery({ queryKey: accountKeys.preferences(), queryFn: getPreferences, staleTime: 0 });
}

/** Saves them with the version read; the answer (or, after a 409, a fresh read) replaces the cache. */
export function useUpdatePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: PreferencesChange) => updatePreferences(change),
    onSuccess: (saved) => client.setQueryData(accountKeys.preferences(), saved),
    onError: () => client.invalidateQueries({ queryKey: accountKeys.preferences() }),
  });
}
