import type { components } from '../../../../api/schema';
import type { WorkOrderDetail } from '../../../../api/types';

/* The coverage decision as the order's page and the intake preview read it (generated schema). */

type Schemas = components['schemas'];

export type CoverageResult = Schemas['CoverageResult'];
/** One failed component (or the whole machine, `component` null), what covers it and why, with
 * the server's explanation in the reader's language. */
export type CoverageLine = Schemas['CoverageLine'];
export type RecordedExclusion = Schemas['CoverageExclusion'];
export type CoverageDecision = Schemas['CoverageDecision'];
/** What intake will decide (`has_terms`: the unit's terms decide, not the agent). */
export type CoveragePreview = Schemas['CoveragePreview'];

/** A failed component as intake sends it. */
export type ComponentInput = NonNullable<import('../../../../api/types').NewWorkOrder['components']>[number];

/** The order's detail (with its coverage decision). */
export type WarrantyOrder = WorkOrderDetail;
