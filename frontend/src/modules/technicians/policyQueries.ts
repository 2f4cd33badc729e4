import { useCallback, useMemo } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { apiData as data } from '../../utils/apiData';
import { technicianKeys, useJobClasses, type JobClassTable as JobClassTableView } from './queries';

/*
 * Head office's job-class table (工种与资质): each class of work with the minimum star level and
 * the certificates it needs, the certificate types, and how many days ahead an expiry is
 * announced. Every staff member reads it (`useJobClasses`: the intake form's 工种, the dispatch
 * and plan forms, the names on the timeline); head office saves it with the version it saw
 * (409 when someone saved first).
 */

export type { JobClassTableView };
export type JobClassTable = JobClassTableView['settings'];
export type JobClass = JobClassTable['job_classes'][number];
export type CertificateType = JobClassTable['certificate_types'][number];

/** What a technician lacks for a job class (the gate's problems: the candidates' `problems`,
 * a refusal's `details.problems`, a `skill_override` event's `problems`). */
export type QualificationProblem = components['schemas']['QualificationProblem'];

export const putJobClasses = (settings: JobClassTable, version: number) => data(api.PUT('/api/technicians/job-classes', { body: { settings, version } }));

export const getJobClassVersions = () => data(api.GET('/api/technicians/job-classes/versions'));
export type JobClassVersion = Awaited<ReturnType<typeof getJobClassVersions>>['items'][number];

/** Every saved version of the table, newest first (who saved it, when): read when asked for. */
export function useJobClassVersions(enabled: boolean) {
  return useQuery({ queryKey: [...technicianKeys.jobClasses(), 'versions'], queryFn: getJobClassVersions, enabled, staleTime: 0 });
}

/** Saves the table with the version seen; the saved table (and its new version) is the cache's. */
export function useSaveJobClasses() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ settings, version }: { settings: JobClassTable; version: number }) => putJobClasses(settings, version),
    onSuccess: (saved) => {
      // a read already on its way would put the old table back: dropped first
      void client.cancelQueries({ queryKey: technicianKeys.jobClasses() });
      client.setQueryData(technicianKeys.jobClasses(), saved);
      void client.invalidateQueries({ queryKey: [...technicianKeys.jobClasses(), 'versions'] });
    },
  });
}

/** Names of job classes and certificate types in the reader's language (the code while the
 * table loads, or for a code the table no longer has). */
export interface JobClassNames {
  jobClass: (code: string) => string;
  certificate: (code: string) => string;
  /** A problem as a short reason: "2★，需 4★", "电工证 已过期 2026-10-31", "缺 焊工证". */
  problem: (p: QualificationProblem, withClass?: boolean) => string;
  table: JobClassTable | undefined;
}

export function useJobClassNames(): JobClassNames {
  const { t, lang } = useI18n();
  const { data: view } = useJobClasses();
  const table = view?.settings;
  const pick = useCallback((item: { name_zh: string; name_en: string } | undefined, code: string) => (item ? (lang === 'zh-CN' ? item.name_zh : item.name_en) || code : code), [lang]);
  const jobClass = useCallback((code: string) => pick(table?.job_classes.find((c) => c.code === code), code), [pick, table]);
  const certificate = useCallback((code: string) => pick(table?.certificate_types.find((c) => c.code === code), code), [pick, table]);
  const problem = useCallback(
    (p: QualificationProblem, withClass = false) => {
      const text =
        p.code === 'skill_insufficient'
          ? t('jobClasses.problem.stars', { has: p.has ?? 0, needed: p.needed ?? '?' })
          : p.expired_on
            ? t('jobClasses.problem.expired', { certificate: certificate(p.certificate ?? ''), date: p.expired_on })
            : t('jobClasses.problem.missing', { certificate: certificate(p.certificate ?? '') });
      return withClass ? t('jobClasses.problem.forClass', { jobClass: jobClass(p.job_class), text }) : text;
    },
    [t, certificate, jobClass],
  );
  return useMemo(() => ({ jobClass, certificate, problem, table }), [jobClass, certificate, problem, table]);
}
