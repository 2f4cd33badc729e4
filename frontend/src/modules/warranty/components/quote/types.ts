import type { components } from '../../../../api/schema';
import type { WorkOrderDetail } from '../../../../api/types';
import { VOCABULARY } from '../../../../api/vocabulary';
import type { PriceItem } from '../../types';

/*
 * The quote (费用通知/报价单) as the order's page and the customer's link read it (generated
 * schema). Money is integer fen as the server computed it; the SPA formats it and never adds it up.
 */

type Schemas = components['schemas'];

export type QuoteLineKind = keyof typeof VOCABULARY.quote_line_kind;
/** The kinds of a quote line, in the vocabulary's order. */
export const QUOTE_LINE_KINDS = Object.keys(VOCABULARY.quote_line_kind) as QuoteLineKind[];

/** 维修项目与收费标准表 in fen. */
export type PriceList = Schemas['PriceList']['prices'];

/** The list price item each kind of line is priced from (a part has its own price). */
export const PRICE_ITEM_OF: Record<QuoteLineKind, PriceItem | null> = {
  labour: 'labour_hour',
  part: null,
  call_out: 'call_out',
  travel: 'travel_km',
  lodging: 'lodging_night',
  meals: 'meals_day',
  allowance: 'allowance_day',
};

export type Quote = Schemas['Quote'];
export type QuoteState = Quote['state'];
export type QuoteLine = Schemas['QuoteLine'];
/** A line as the customer sees it (no list price, no approval reason). */
export type PublicQuoteLine = Schemas['PublicQuoteLine'];
export type PublicQuote = Schemas['PublicQuote'];
export type ApprovalReason = Quote['approval_reasons'][number];

/** A line as the editor sends it (`quote` action); amounts and totals are the server's. */
export interface QuoteLineInput {
  kind: QuoteLineKind;
  description?: string;
  component?: string;
  quantity: number;
  unit_price_fen: number;
  list_price_fen?: number;
  waive?: boolean;
}

/** The order's detail (with its quote, price list and whether a quote is required). */
export type QuoteOrder = WorkOrderDetail;

/** Dispatch may go ahead. */
export const SETTLED: QuoteState[] = ['confirmed', 'released'];
