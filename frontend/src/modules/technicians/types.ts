import type { components, paths } from '../../api/schema';
import { VOCABULARY } from '../../api/vocabulary';

/*
 * Shapes of the technicians API as the SPA reads them (design of issue 16: the server's
 * chalicelib/modules/technicians/schemas.py and policy_schemas.py, generated into
 * api/schema.d.ts). Vocabulary keys (a certificate's status, what a star change rests on) come
 * from the generated vocabulary.
 */

type Schemas = components['schemas'];
type Body<P extends keyof paths, M extends 'post' | 'put'> =
  NonNullable<paths[P][M]> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type CertificateView = Schemas['CertificateView'];
export type ExpiringCertificate = Schemas['ExpiringCertificate'];
export type ExpiringList = Schemas['ExpiringCertificates'];
export type TechnicianSummary = Schemas['TechnicianRow'];
export type TechnicianList = Schemas['TechnicianList'];
export type StarChange = Schemas['StarChange'];
export type MonthFigures = Schemas['TechnicianMonth'];
export type TechnicianFile = Schemas['TechnicianFile'];
/** Head office's job-class table (the classes, the certificate types, the warning window). */
export type JobClassTable = Schemas['JobClassTable'];

export type StarChangeBody = Body<'/api/technicians/{username}/stars', 'post'>;
export type CertificateBody = Body<'/api/technicians/{username}/certificates', 'post'>;
export type CertificateEditBody = Body<'/api/technicians/{username}/certificates/{certificate_id}', 'put'>;
export type RevokeBody = Body<'/api/technicians/{username}/certificates/{certificate_id}/revoke', 'post'>;

export type CertificateStatus = CertificateView['status'];
export type CertificateScan = Schemas['CertificateScan'];
/** What a scan may be: a PDF or a photo (the server's evidence document types; it names the
 * field when a file is none of them). */
export type ScanContentType = CertificateScan['content_type'];
export type StarReferenceKind = StarChange['reference']['kind'];

/** The references a star change may rest on (the form's options, in the vocabulary's order). */
export const STAR_REFERENCES = Object.keys(VOCABULARY.star_reference) as StarReferenceKind[];
/** The server's limits on the texts of a certificate, a star change and a revocation
 * (chalicelib/modules/technicians/schemas.py). */
export const LIMITS = { number: 60, issuer: 100, ref: 100, reason: 500 } as const;
/** Star levels 1–5 (seed 003: 1★ simple repairs … 5★ everything, commissioning, trains others). */
export const STAR_LEVELS = [1, 2, 3, 4, 5] as const;
