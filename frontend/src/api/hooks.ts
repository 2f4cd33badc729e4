import { useCallback, useEffect, useState } from 'react';
import { listOutlets, listStaff } from './client';
import { useMe } from './session';
import { NETWORK_SCOPE, type Outlet, type Staff } from './types';
import { useI18n } from '../i18n';
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

/**
 * The name of an outlet (or of the whole network, `NETWORK`) in the reader's language: the
 * user's own outlet from their profile, others from `outlets` (head office lists them all).
 */
export function useScopeName(outlets: Outlet[] | null): (code: string, fallback?: string) => string {
  const me = useMe();
  const { lang, t } = useI18n();
  return useCallback(
    (code: string, fallback?: string) => {
      if (code === NETWORK_SCOPE) return t('kpi.network');
      if (code === me.outlet) return lang === 'en-US' ? me.outlet_name_en || me.outlet_name : me.outlet_name;
      const o = outlets?.find((x) => x.code === code);
      if (!o) return fallback || code;
      return lang === 'zh-CN' ? o.name : o.name_en || o.name;
    },
    [outlets, lang, t, me],
  );
}
