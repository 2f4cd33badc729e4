import type { components, paths } from '../../api/schema';
import { VOCABULARY } from '../../api/vocabulary';

/*
 * Shapes of the contracts API (维护合同, issue 18: chalicelib/modules/contracts/schemas.py,
 * generated into api/schema.d.ts) as the SPA reads them. Money is integer fen; the names of
 * states, schedule kinds and targets come from the generated vocabulary.
 */

type Schemas = components['schemas'];
type Body<P extends keyof paths, M extends 'post' | 'put'> =
  NonNullable<paths[P][M]> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type Contract = Schemas['Contract'];
export type ContractSummary = Schemas['ContractSummary'];
export type ContractPage = Schemas['ContractPage'];
export type ContractEvent = Schemas['ContractEvent'];
export type ContractCallouts = Schemas['ContractCallouts'];
export type OrderContract = Schemas['OrderContract'];
export type ContractState = Contract['state'];
export type Schedule = Contract['schedule'];
export type ScheduleKind = Schedule['kind'];
export type SchedulePer = Schedule['per'];
export type ChecklistArea = Contract['checklist'][number];

export type NewContract = Body<'/api/contracts', 'post'>;
export type ContractChange = Body<'/api/contracts/{contract_id}', 'put'>;
export type ContractRenewal = Body<'/api/contracts/{contract_id}/renew', 'post'>;

/** The list's filters (all optional; head office's outlet undefined: the network). */
export interface ContractFilters {
  outlet?: string;
  state?: ContractState;
  customer?: string;
  renewalDue?: boolean;
}

export const CONTRACT_STATES = Object.keys(VOCABULARY.contract_state) as ContractState[];
export const SCHEDULE_KINDS = Object.keys(VOCABULARY.schedule_kind) as ScheduleKind[];
export const SCHEDULE_PERS = Object.keys(VOCABULARY.schedule_per) as SchedulePer[];

/** Months in one period of each schedule kind. */
export const PERIOD_MONTHS: Record<ScheduleKind, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };
