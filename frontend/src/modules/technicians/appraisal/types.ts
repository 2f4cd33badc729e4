import type { components, paths } from '../../../api/schema';

/*
 * Shapes of the monthly appraisal's API (月度考核: chalicelib/modules/technicians/
 * appraisal_schemas.py, generated into api/schema.d.ts). The figures' names and the month's
 * states come from the generated vocabulary (appraisal_field, appraisal_state).
 */

type Schemas = components['schemas'];

/** An outlet's month: open (computed live) or signed (frozen), with the adjustments to signed months. */
export type Appraisal = Schemas['Appraisal'];
/** One technician's figures of the month. */
export type AppraisalRow = Schemas['AppraisalRow'];
/** An adjustment to a signed month: what changed in that month's figures since its sign-off, per
 * month and technician (only changed figures). */
export type AppraisalAdjustment = Schemas['AppraisalAdjustment'];
export type AppraisalChange = AppraisalAdjustment['changes'][number];

export type SignBody = NonNullable<paths['/api/technicians/appraisals/sign']['post']['requestBody']>['content']['application/json'];
