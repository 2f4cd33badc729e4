import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  acknowledgeBreach,
  deleteCalendarDay,
  getAtRisk,
  getCalendar,
  getPolicy,
  putCalendarDay,
  putCalendarYear,
  putNetworkPolicy,
  putOutletPolicy,
  putWorkingHours,
} from '../../api/client';
import type { AcknowledgeBody, Policy } from '../../api/types';
import { noteServerNow } from '../../utils/now';
import { REFRESH_MS, whileVisible } from '../../api/refresh';

/** Query keys of deadlines. An outlet left out means the user's own outlet (the API's default). */
export const slaKeys = {
  all: ['sla'] as const,
  atRisks: () => ['sla', 'at-risk'] as const,
  atRisk: (outlet: string | undefined, horizon: number) => ['sla', 'at-risk', { outlet, horizon }] as const,
  policies: () => ['sla', 'policy'] as const,
  /** No outlet: the network policy. */
  policy: (outlet: string | undefined) => ['sla', 'policy', { outlet }] as const,
  calendars: () => ['sla', 'calendar'] as const,
  calendar: (year: number, outlet: string | undefined) => ['sla', 'calendar', { year, outlet }] as const,
};

/** The running clocks of an outlet that are late or due within `horizon` hours, most overdue
 * first; read again every minute while the board is visible, and when the tab is shown again. */
export function useAtRisk(outlet: string | undefined, horizon: number, enabled: boolean) {
  return useQuery({
    queryKey: slaKeys.atRisk(outlet, horizon),
    queryFn: async () => {
      const answer = await getAtRisk({ outlet, horizon_hours: horizon });
      noteServerNow(answer.now);
      return answer;
    },
    enabled,
    staleTime: 0,
    ...whileVisible(REFRESH_MS.atRisk),
    refetchOnWindowFocus: true,
  });
}

/** A manager acknowledges a breach with a note; every board shown is read again (the row moves
 * to the acknowledged part; after a 409 the board shows the clock as it is now). */
export function useAcknowledge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AcknowledgeBody) => acknowledgeBreach(body),
    onSettled: () => client.invalidateQueries({ queryKey: slaKeys.atRisks() }),
  });
}

/** The network policy (`outlet` undefined) or an outlet's: override and policy in force. */
export function usePolicy(outlet: string | undefined) {
  return useQuery({ queryKey: slaKeys.policy(outlet), queryFn: () => getPolicy(outlet) });
}

/** Saves the network policy, or an outlet's override (`policy` null: the outlet follows the network). */
export function useSavePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ outlet, version, policy }: { outlet: string | undefined; version: number | null; policy: Policy | null }) =>
      outlet ? putOutletPolicy(outlet, version, policy) : putNetworkPolicy(version ?? 0, policy!),
    // The network policy is part of every outlet's answer: all of them are read again.
    onSuccess: () => client.invalidateQueries({ queryKey: slaKeys.policies() }),
  });
}

/** A year of the working calendar with the outlet's working hours. */
export function useCalendar(year: number, outlet: string | undefined, enabled: boolean) {
  return useQuery({ queryKey: slaKeys.calendar(year, outlet), queryFn: () => getCalendar(year, outlet), enabled });
}

/** A change to the working calendar (head office). */
export type CalendarChange =
  | { kind: 'day'; date: string; working: boolean; reason: string }
  | { kind: 'removeDay'; date: string }
  | { kind: 'year'; year: number; confirmed: boolean }
  | { kind: 'hours'; outlet: string; start: string; end: string };

function applyCalendarChange(change: CalendarChange): Promise<unknown> {
  switch (change.kind) {
    case 'day':
      return putCalendarDay(change.date, { working: change.working, reason: change.reason });
    case 'removeDay':
      return deleteCalendarDay(change.date);
    case 'year':
      return putCalendarYear(change.year, change.confirmed);
    case 'hours':
      return putWorkingHours(change.outlet, { start: change.start, end: change.end });
  }
}

/** Changes the calendar; every calendar shown is read again (days and hours apply to all outlets' years). */
export function useChangeCalendar() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: applyCalendarChange,
    onSuccess: () => client.invalidateQueries({ queryKey: slaKeys.calendars() }),
  });
}
