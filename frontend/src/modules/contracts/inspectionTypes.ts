import type { components, paths } from '../../api/schema';

/*
 * Shapes of the inspections API (巡检, issue 18 slice 2: chalicelib/modules/contracts/
 * checklist_schemas.py and report_schemas.py, generated into api/schema.d.ts) as the SPA reads
 * them: the checklist an inspection order carries, the repair order opened from one of its
 * faults, a contract's inspections and its quarterly report. The names of answers, results and
 * moves come from the generated vocabulary.
 */

type Schemas = components['schemas'];
type Body<P extends keyof paths, M extends 'post' | 'put'> =
  NonNullable<paths[P][M]> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type ChecklistAnswer = Schemas['ChecklistAnswer'];
export type ChecklistItem = Schemas['ChecklistItem'];
export type OrderChecklist = Schemas['OrderChecklist'];
export type FromInspection = Schemas['FromInspection'];
export type ContractInspection = Schemas['ContractInspection'];
export type QuarterlyReport = Schemas['ContractQuarterlyReport'];
export type ChecklistAnswerBody = Body<'/api/work-orders/{order_id}/checklist', 'put'>;
export type ChecklistRepairBody = Body<'/api/work-orders/{order_id}/checklist/repair', 'post'>;

/** What 409 `checklist_incomplete` says in its details: how many are left and the first (its
 * area's and its own place, its text). */
export interface ChecklistIncomplete {
  unanswered: number;
  first: { area: number | string; item: number; text: string } | null;
}
