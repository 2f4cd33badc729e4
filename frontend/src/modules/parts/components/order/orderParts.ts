import type { I18n } from '../../../../i18n';
import type { Requisition, RequisitionLine } from '../../types';

/** What may still come back of a line: issued, less used, returned and defective. */
export const returnable = (line: RequisitionLine) => Math.max(0, line.issued - line.used - line.returned - line.defective);
/** What may still be issued of a line: approved (requested) less issued and released. */
export const issuable = (line: RequisitionLine) => Math.max(0, line.quantity - line.issued - line.released);

/** Why a requisition needs head office, in a phrase: "金额达到… ；P-1 为贵重配件". */
export const approvalReasonsText = (reasons: Requisition['approval_reasons'], t: I18n['t']) =>
  reasons.map((r) => t(r.reason === 'amount' ? 'partReq.why.amount' : 'partReq.why.expensive', { code: r.code })).join(t('partReq.sep'));
