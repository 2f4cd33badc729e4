import type { components, paths } from '../../api/schema';
import { VOCABULARY } from '../../api/vocabulary';

/*
 * Shapes of the complaints API as the SPA reads them (design of issue 15; the server's
 * chalicelib/modules/complaints/schemas.py, generated into api/schema.d.ts). The vocabularies'
 * keys come from the generated vocabulary: a value the server adds shows up with its names.
 */

type Schemas = components['schemas'];
type Body<P extends keyof paths, M extends 'post' | 'put'> =
  NonNullable<paths[P][M]> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type Complaint = Schemas['Complaint'];
export type ComplaintSummary = Schemas['ComplaintSummary'];
export type ComplaintPage = Schemas['ComplaintPage'];
export type ComplaintEvent = Schemas['ComplaintEvent'];
export type ComplaintSettingsView = Schemas['ComplaintSettings'];
export type ComplaintSettings = ComplaintSettingsView['settings'];
export type Department = ComplaintSettings['departments'][number];
export type NewComplaint = Body<'/api/complaints', 'post'>;
export type ComplaintActionName = Complaint['actions'][number];
export type ComplaintStep = Complaint['missing'][number];
export type ComplaintStatus = Complaint['status'];
export type ComplaintKind = Complaint['kind'];
export type ComplaintChannel = Complaint['channel'];
export type Handler = NonNullable<Complaint['handled_by']>;
export type KindGroup = keyof ComplaintSettings['penalty_fen'];

/** The kinds, channels… in the order the vocabulary lists them (the forms' options). */
export const KINDS = Object.keys(VOCABULARY.complaint_kind) as ComplaintKind[];
export const CHANNELS = Object.keys(VOCABULARY.complaint_channel) as ComplaintChannel[];
/** How staff tell a customer, and how a customer reaches staff with a question (a return visit
 * is how a complaint arrives, not how it is answered): the consultations' channels too. */
export const TELL_CHANNELS = CHANNELS.filter((c): c is Exclude<ComplaintChannel, 'return_visit'> => c !== 'return_visit');
/** The steps closing needs, in the process's order (the process bar, the close checklist). */
export const STEPS = Object.keys(VOCABULARY.complaint_step) as ComplaintStep[];
export const GROUPS = Object.keys(VOCABULARY.complaint_kind_group) as KindGroup[];
export const HANDLERS = Object.keys(VOCABULARY.complaint_handler) as Handler[];
export const RESPONSIBILITY_KINDS = Object.keys(VOCABULARY.responsibility_kind) as (keyof typeof VOCABULARY.responsibility_kind)[];
export type PenaltyKind = keyof typeof VOCABULARY.penalty_kind;
export const PENALTY_KINDS = Object.keys(VOCABULARY.penalty_kind) as PenaltyKind[];
export const PENALTY_DECISIONS = Object.keys(VOCABULARY.penalty_decision) as (keyof typeof VOCABULARY.penalty_decision)[];
export const ANSWERS = Object.keys(VOCABULARY.customer_answer) as (keyof typeof VOCABULARY.customer_answer)[];
/** Penalties that are money (an amount of at least 1 fen is asked for; the others take none):
 * the server's MONEY_PENALTIES (chalicelib/modules/complaints/domain/lifecycle.py, also the
 * conduct ledger's rule), which the API does not name. */
const MONEY_PENALTY_KINDS: readonly PenaltyKind[] = ['fine', 'bonus_deduction'];
export const isMoneyPenalty = (kind: string | null | undefined): boolean => MONEY_PENALTY_KINDS.some((k) => k === kind);

/** The department the outlet's manager handles (cannot be removed from the settings). */
export const OUTLET_DEPARTMENT = 'outlet';

/** A kind's group (the base penalty is per group). */
export const groupOf = (kind: ComplaintKind): KindGroup => (kind.startsWith('service_') ? 'service' : (kind as KindGroup));
