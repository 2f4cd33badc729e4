import type { components, paths } from '../../api/schema';
import { VOCABULARY } from '../../api/vocabulary';

/*
 * Shapes of the spare-parts API as the SPA reads them (design of issue 14; the server's
 * chalicelib/modules/parts/*_schemas.py, generated into api/schema.d.ts). The vocabularies'
 * keys come from the generated vocabulary, so a value the server adds shows up here with its
 * names.
 */

type Schemas = components['schemas'];
type Body<P extends keyof paths, M extends 'post' | 'put'> =
  NonNullable<paths[P][M]> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type StockFigure = keyof typeof VOCABULARY.stock_figure;
export type TransferState = keyof typeof VOCABULARY.transfer_state;
export type CountState = keyof typeof VOCABULARY.count_state;

/** The stock figures in the order the screens show them. */
export const STOCK_FIGURES = Object.keys(VOCABULARY.stock_figure) as StockFigure[];

/** The largest quantity a parts form takes (a line, a movement, a reorder level). */
export const MAX_QUANTITY = 100000;

/** A catalogue part (配件); prices in fen. */
export type Part = Schemas['Part'];
/** What creating a part sends; an edit adds the `version` the editor saw. */
export type PartInput = Schemas['PartInput'];
export type PartUpdate = Body<'/api/parts/{part_code}', 'put'>;

/** A stock line of an outlet's warehouse (`available` = on hand − reserved, may be negative). */
export type Stock = Schemas['Stock'];
export type StockPage = Schemas['StockPage'];
/** One immutable ledger entry of a stock line: its deltas and the figures after. */
export type LedgerEntry = Schemas['LedgerEntry'];
export type StockDetail = Schemas['StockDetail'];
/** An open reorder suggestion (采购建议) with its arithmetic in `rule`. */
export type Suggestion = Schemas['Suggestion'];
export type StockSettings = Body<'/api/parts/warehouses/{outlet}/stock/{part_code}/settings', 'put'>;
export type StockMovementInput = Body<'/api/parts/warehouses/{outlet}/stock/{part_code}/movements', 'post'>;
export type SuggestionOrder = Body<'/api/parts/warehouses/{outlet}/suggestions/{part_code}/order', 'post'>;

/** A transfer between two outlets' warehouses (调拨单). */
export type Transfer = Schemas['Transfer'];
export type TransferAction = Transfer['allowed_actions'][number];
export type TransferDirection = NonNullable<NonNullable<paths['/api/parts/transfers']['get']['parameters']['query']>['direction']>;
export type NewTransfer = Body<'/api/parts/transfers', 'post'>;
export type ActionBody = Body<'/api/parts/transfers/{transfer_id}/actions/send', 'post'>;

/** A stock count (盘点) of an outlet's warehouse. */
export type StockCount = Schemas['StockCount'];
/** A counted line: the book at the snapshot, what was counted, the variance and its value. */
export type CountLine = Schemas['CountLine'];
export type CountPage = Schemas['CountPage'];
export type CountAction = Exclude<StockCount['allowed_actions'][number], 'count'>;
export type NewCount = Body<'/api/parts/warehouses/{outlet}/counts', 'post'>;
export type CountEntryBody = Body<'/api/parts/warehouses/{outlet}/counts/{count_id}/lines/{part_code}', 'put'>;

// ---- requisitions on an order (见单发料) ----------------------------------------------------------

export type RequisitionState = keyof typeof VOCABULARY.requisition_state;
export type RequisitionAction = keyof typeof VOCABULARY.requisition_action;
export type ReturnCondition = keyof typeof VOCABULARY.return_condition;
/** The requisition queues of the requisitions page. */
export type RequisitionQueue = NonNullable<paths['/api/parts/requisitions']['get']['parameters']['query']>['queue'];
/** A requested part with where it stands (issued, received, used, returned, defective, outstanding). */
export type RequisitionLine = Schemas['RequisitionLine'];
/** A requisition of parts against an order, with what the caller may do to it now. */
export type Requisition = Schemas['Requisition'];
/** The order's parts (its detail's `parts`): requisitions, the parts per code with coverage and charge, exceptions. */
export type OrderParts = Schemas['OrderParts'];
export type OrderPartLine = OrderParts['lines'][number];
/** What a requisition action sends besides the version: approve `{note}`, reject `{reason}`,
 * issue `{lines: [{code, quantity}]}`, return `{lines: [{code, quantity, condition}]}`. */
export type RequisitionActionBody = Omit<
  Body<'/api/work-orders/{order_id}/requisitions/{requisition_id}/actions/{requisition_action}', 'post'>, 'version'>;
export type NewRequisition = Body<'/api/parts/requisitions', 'post'>;
export type NewPartsException = Body<'/api/work-orders/{order_id}/parts-exceptions', 'post'>;
