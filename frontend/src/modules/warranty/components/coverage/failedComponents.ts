import type { WorkOrderDetail } from '../../../../api/types';

/** The order's failed components named by its coverage decision, each once, in the decision's order. */
export const failedComponents = (order: Pick<WorkOrderDetail, 'coverage_decision'>): string[] => [
  ...new Set((order.coverage_decision?.lines ?? []).flatMap((l) => (l.component ? [l.component] : []))),
];
