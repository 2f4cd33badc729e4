import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { reread } from '../../app/queryClient';
import { isUploadContentType } from '../../api/types';
import { apiData as data } from '../../utils/apiData';
import { directoryKeys } from '../directory/queries';
import { whenLinksLapsed } from '../../api/refresh';
import { uploadThrough } from '../evidence/lib/upload';
import type { CertificateBody, CertificateEditBody, CertificateView, RevokeBody, ScanContentType, StarChangeBody, TechnicianFile } from './types';
import { putAnswer } from '../../utils/cache';

export type { JobClassTable } from './types';

/** Query keys of the technicians area (技术员): every input in the key (the outlet, the person). */
export const technicianKeys = {
  all: ['technicians'] as const,
  lists: () => ['technicians', 'list'] as const,
  list: (outlet: string | undefined) => ['technicians', 'list', { outlet }] as const,
  file: (username: string | undefined) => ['technicians', 'file', username] as const,
  expiringAll: () => ['technicians', 'expiring'] as const,
  expiring: (outlet: string | undefined) => ['technicians', 'expiring', { outlet }] as const,
  jobClasses: () => ['technicians', 'job-classes'] as const,
};

const LIVE = { staleTime: 0 };

// ---- calls ----------------------------------------------------------------------------------

const person = (username: string) => ({ path: { username } });
const certificate = (username: string, id: string) => ({ path: { username, certificate_id: id } });

export const listTechnicians = (outlet?: string) => data(api.GET('/api/technicians', { params: { query: { outlet } } }));
export const getTechnicianFile = (username: string) => data(api.GET('/api/technicians/{username}', { params: person(username) }));
export const listExpiring = (outlet?: string) => data(api.GET('/api/technicians/certificates/expiring', { params: { query: { outlet } } }));
export const changeStars = (username: string, body: StarChangeBody) => data(api.POST('/api/technicians/{username}/stars', { params: person(username), body }));
export const addCertificate = (username: string, body: CertificateBody) =>
  data(api.POST('/api/technicians/{username}/certificates', { params: person(username), body }));
export const editCertificate = (username: string, id: string, body: CertificateEditBody) =>
  data(api.PUT('/api/technicians/{username}/certificates/{certificate_id}', { params: certificate(username, id), body }));
export const revokeCertificate = (username: string, id: string, body: RevokeBody) =>
  data(api.POST('/api/technicians/{username}/certificates/{certificate_id}/revoke', { params: certificate(username, id), body }));
export const getJobClasses = () => data(api.GET('/api/technicians/job-classes'));
const scanSlot = (username: string, cert: CertificateView, body: { content_type: ScanContentType; size: number; filename: string }) =>
  data(api.POST('/api/technicians/{username}/certificates/{certificate_id}/scan', { params: certificate(username, cert.id), body: { ...body, version: cert.version } }));
const confirmScan = (username: string, certId: string, scanId: string) =>
  data(
    api.POST('/api/technicians/{username}/certificates/{certificate_id}/scan/{scan_id}/confirm', {
      params: { path: { username, certificate_id: certId, scan_id: scanId } },
    }),
  );
/** A certificate's scan: the form on the version seen, the bytes to S3, the server's check
 * (the evidence area's shared upload path); answers the certificate with its scan. `type` is
 * the picked file's type, checked by the caller (a photo made smaller is sent as a JPEG). */
export const uploadScan = (username: string, cert: CertificateView, file: File, type: ScanContentType) =>
  uploadThrough(
    file,
    (prepared) =>
      scanSlot(username, cert, {
        content_type: isUploadContentType(prepared.contentType) ? prepared.contentType : type,
        size: prepared.blob.size,
        filename: prepared.filename,
      }),
    (slot) => confirmScan(username, cert.id, slot.scan_id),
  );

// ---- hooks ----------------------------------------------------------------------------------

/** An outlet's technicians with their stars and certificates (`outlet` undefined: the manager's
 * own; head office names one). `enabled` false until the outlet is known. */
export function useTechnicianList(outlet: string | undefined, enabled: boolean) {
  return useQuery({ queryKey: technicianKeys.list(outlet), queryFn: () => listTechnicians(outlet), enabled, ...LIVE });
}

/** The links of a file's certificate scans (thumbnail and full size). */
export const scanUrls = (file: TechnicianFile) => file.certificates.flatMap((c) => [c.scan?.url, c.scan?.thumb_url]);

/** A technician's file: stars and their history, certificates, this month's figures so far.
 * Its scans' links are short-lived: renewed when about to be used (the page opening, the tab
 * shown again with a link lapsed, a scan opened: `CertificateScan`), never on a timer. */
export function useTechnicianFile(username: string | undefined) {
  return useQuery({
    queryKey: technicianKeys.file(username),
    queryFn: () => getTechnicianFile(username!),
    enabled: Boolean(username),
    meta: { silent: true },
    refetchOnWindowFocus: whenLinksLapsed(scanUrls),
    ...LIVE,
  });
}

/** Certificates expiring soon or expired lately, soonest first. */
export function useExpiringCertificates(outlet: string | undefined, enabled: boolean) {
  return useQuery({ queryKey: technicianKeys.expiring(outlet), queryFn: () => listExpiring(outlet), enabled, ...LIVE });
}

/** The job-class table (read once in a while: head office changes it seldom). */
export function useJobClasses(enabled = true) {
  return useQuery({ queryKey: technicianKeys.jobClasses(), queryFn: getJobClasses, enabled, staleTime: 5 * 60_000 });
}

/** What a change to a technician's stars or certificates may change elsewhere: the lists, the
 * expiry lists, the directory's staff (stars on the dispatch form and board). The file itself is
 * read again too (a list read already on its way cannot put the old one back). */
function rereadAround(client: QueryClient, username: string): Promise<unknown> {
  return Promise.all([
    reread(client, technicianKeys.file(username)),
    reread(client, technicianKeys.lists()),
    reread(client, technicianKeys.expiringAll()),
    client.invalidateQueries({ queryKey: directoryKeys.all }),
  ]);
}

/** Changes a technician's star level (the file answers). */
export function useChangeStars(username: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StarChangeBody) => changeStars(username, body),
    onSuccess: async (file) => {
      // a read of the file already on its way would put the old stars back: dropped first
      await client.cancelQueries({ queryKey: technicianKeys.file(username) });
      putAnswer(client, technicianKeys.file(username), file);
      void reread(client, technicianKeys.lists());
      void client.invalidateQueries({ queryKey: directoryKeys.all });
    },
  });
}

/** Adds, edits or revokes a certificate of a technician. */
export function useSaveCertificate(username: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: { id: string; body: CertificateEditBody } | { id?: undefined; body: CertificateBody }) =>
      change.id ? editCertificate(username, change.id, change.body) : addCertificate(username, change.body),
    onSuccess: () => rereadAround(client, username),
  });
}

/** Uploads a certificate's scan. The certificate the server answers goes into the file at once
 * (a read of the file already on its way is dropped first, so it cannot put the certificate
 * without its scan back), then the file and the lists are read again; the mutation stays
 * pending until they are in (no 已上传 beside the old row, no button on the old version). */
export function useUploadScan(username: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ cert, file, type }: { cert: CertificateView; file: File; type: ScanContentType }) => uploadScan(username, cert, file, type),
    onSuccess: async (cert) => {
      const key = technicianKeys.file(username);
      await client.cancelQueries({ queryKey: key });
      client.setQueryData<TechnicianFile>(key, (file) => file && { ...file, certificates: file.certificates.map((c) => (c.id === cert.id ? cert : c)) });
      await rereadAround(client, username);
    },
  });
}

export function useRevokeCertificate(username: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RevokeBody }) => revokeCertificate(username, id, body),
    onSuccess: () => rereadAround(client, username),
  });
}
