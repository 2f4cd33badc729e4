import { useEffect, useState } from 'react';
import { listOutlets, listStaff } from './client';
import type { Outlet, Staff } from './types';
import { useShowError } from '../utils/errors';

/** Outlets visible to the user (head office: all). */
export function useOutlets(enabled = true): Outlet[] | null {
  const showError = useShowError();
  const [outlets, setOutlets] = useState<Outlet[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    listOutlets()
      .then((r) => alive && setOutlets(r.items))
      .catch(showError);
    return () => {
      alive = false;
    };
  }, [enabled, showError]);
  return outlets;
}

/**
 * Technicians of an outlet. `outlet` undefined means the user's own outlet; null means "not
 * known yet", and nothing is fetched.
 */
export function useTechnicians(outlet: string | null | undefined): Staff[] {
  const showError = useShowError();
  const [staff, setStaff] = useState<Staff[]>([]);
  useEffect(() => {
    if (outlet === null) return;
    let alive = true;
    listStaff({ role: 'technician', outlet })
      .then((r) => alive && setStaff(r.items))
      .catch(showError);
    return () => {
      alive = false;
    };
  }, [outlet, showError]);
  return staff;
}
