import { useQuery } from '@tanstack/react-query';
import { listOutlets, listStaff } from '../../api/client';
import type { Items, Outlet, Role, Staff } from '../../api/types';

/** Query keys of the directory. */
export const directoryKeys = {
  all: ['directory'] as const,
  outlets: () => ['directory', 'outlets'] as const,
  staff: (query: { role?: Role; outlet?: string }) => ['directory', 'staff', query] as const,
};

const itemsOf = <T,>(page: Items<T>) => page.items;
const NO_STAFF: Staff[] = [];

/**
 * Outlets visible to the user (head office: all), fetched once per session and shared by every
 * page that names or picks one. `enabled` false: not needed here (nothing is fetched).
 */
export function useOutlets(enabled = true): Outlet[] | null {
  const { data } = useQuery({
    queryKey: directoryKeys.outlets(),
    queryFn: listOutlets,
    select: itemsOf<Outlet>,
    enabled,
    staleTime: Infinity,
  });
  return data ?? null;
}

/**
 * Technicians of an outlet. `outlet` undefined means the user's own outlet; null means "not
 * known yet", and nothing is fetched. Another outlet's technicians are never shown meanwhile.
 */
export function useTechnicians(outlet: string | null | undefined): Staff[] {
  const { data } = useQuery({
    queryKey: directoryKeys.staff({ role: 'technician', outlet: outlet ?? undefined }),
    queryFn: () => listStaff({ role: 'technician', outlet: outlet ?? undefined }),
    select: itemsOf<Staff>,
    enabled: outlet !== null,
  });
  return data ?? NO_STAFF;
}

/**
 * Staff of an outlet, any role (who a complaint may be about, who is responsible, who owns an
 * improvement). `outlet` null: not known yet (nothing fetched); undefined: the user's own.
 */
export function useOutletStaff(outlet: string | null | undefined): { staff: Staff[]; loading: boolean } {
  const query = useQuery({
    queryKey: directoryKeys.staff({ outlet: outlet ?? undefined }),
    queryFn: () => listStaff({ outlet: outlet ?? undefined }),
    select: itemsOf<Staff>,
    enabled: outlet !== null,
    staleTime: 5 * 60_000,
  });
  return { staff: query.data ?? NO_STAFF, loading: query.isPending && outlet !== null };
}
