import type { WorkOrderDetail } from '../../../../api/types';
import type { OrderParts, Requisition, RequisitionLine } from '../../types';

/** The order's parts (its detail's `parts`), empty while the API sends none. */
export function orderParts(order: WorkOrderDetail): OrderParts {
  const parts = (order as WorkOrderDetail & { parts?: OrderParts | null }).parts;
  return parts ?? { requisitions: [], lines: [], exceptions: [], cost_total_fen: null, charge_total_fen: 0, can_request: false };
}

/** What may still come back of a line: issued, less used, returned and defective. */
export const returnable = (line: RequisitionLine) => Math.max(0, line.issued - line.used - line.returned - line.defective);
/** What may still be issued of a line: approved (requested) less issued and released. */
export const issuable = (line: RequisitionLine) => Math.max(0, line.quantity - line.issued - line.released);

/** The requisition's lines in a phrase: "P-1 启动机 × 2、P-2 滤芯 × 1". */
export const linesText = (req: Requisition, sep: string) => req.lines.map((l) => `${l.code} ${l.name} × ${l.quantity}`).join(sep);
