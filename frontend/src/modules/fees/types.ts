import type { components, paths } from '../../api/schema';
import { VOCABULARY } from '../../api/vocabulary';

/*
 * Shapes of the fees API as the SPA reads them (issue 17: the server's
 * chalicelib/modules/fees/*_schemas.py, generated into api/schema.d.ts). Money is integer fen
 * as the server computed it: the SPA formats it and never adds it up. Vocabulary keys come
 * from the generated vocabulary.
 */

type Schemas = components['schemas'];
type Body<P extends keyof paths, M extends 'post' | 'put'> =
  NonNullable<paths[P][M]> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type FeeSheet = Schemas['FeeSheet'];
export type FeeLine = Schemas['FeeLine'];
export type FeeState = FeeSheet['state'];
export type QuoteLineKind = FeeLine['kind'];
export type ApprovalReason = NonNullable<FeeLine['needs_approval']>;
export type FeeSheetChange = Body<'/api/work-orders/{order_id}/fees', 'put'>;
/** A line as the editor sends it: the server prices it (list price, charge, cost). */
export type FeeLineInput = FeeSheetChange['lines'][number];

export type Payment = Schemas['Payment'];
export type PaymentList = Schemas['PaymentList'];
export type PaymentMethod = Payment['method'];
export type NewPayment = Body<'/api/work-orders/{order_id}/payments', 'post'>;

export type Budget = Schemas['Budget'];
export type BudgetFigures = Schemas['BudgetFigures'];
export type BudgetCategory = keyof Budget['categories'];
export type BudgetRequest = Schemas['BudgetRequest'];
export type BudgetRequestState = BudgetRequest['state'];
export type BudgetChange = Body<'/api/budgets/{outlet}/{year}', 'put'>;
export type SpendBooking = Body<'/api/budgets/{outlet}/{year}/spend', 'post'>;
export type NewBudgetRequest = Body<'/api/budgets/{outlet}/{year}/requests', 'post'>;
export type BudgetDecision = Body<'/api/budgets/{outlet}/{year}/requests/{request_id}/decide', 'post'>;

/** A fee line's kinds: the quote's (one vocabulary), in its order. */
export const FEE_LINE_KINDS = Object.keys(VOCABULARY.quote_line_kind) as QuoteLineKind[];
export const PAYMENT_METHODS = Object.keys(VOCABULARY.payment_method) as PaymentMethod[];
export const BUDGET_CATEGORIES = Object.keys(VOCABULARY.budget_category) as BudgetCategory[];

/** The server's limits on texts (the fees area's *_schemas). */
export const LIMITS = { description: 200, reason: 500, reference: 200, receipt: 64, note: 500 } as const;

// ---- travel claims (差旅费报销单, issue 17 slice 2) ---------------------------------------------

export type Claim = Schemas['Claim'];
export type ClaimSummary = Schemas['ClaimSummary'];
export type ClaimList = Schemas['ClaimList'];
export type ClaimLine = Schemas['ClaimLine'];
export type Receipt = Schemas['ClaimReceipt'];
export type ReceiptSlot = Schemas['ClaimReceiptSlot'];
export type ClaimState = Claim['state'];
export type ClaimLineCategory = ClaimLine['category'];
export type TransportMode = NonNullable<ClaimLine['mode']>;
export type ClaimFlag = ClaimLine['flags'][number];
export type ClaimBudget = Claim['budget'];
export type ClaimView = NonNullable<NonNullable<paths['/api/claims']['get']['parameters']['query']>['view']>;
/** The create body; PUT adds the version seen. */
export type ClaimBody = Body<'/api/claims', 'post'>;
export type ClaimChange = Body<'/api/claims/{claim_id}', 'put'>;
export type ClaimDecision = Body<'/api/claims/{claim_id}/decide', 'post'>;
/** A line as the form sends it (its receipts by id). */
export type ClaimLineIn = ClaimBody['lines'][number];
export type ReceiptContentType = Body<'/api/claims/{claim_id}/receipts', 'post'>['content_type'];

export const CLAIM_STATES = Object.keys(VOCABULARY.claim_state) as ClaimState[];
export const CLAIM_LINE_CATEGORIES = Object.keys(VOCABULARY.claim_line_category) as ClaimLineCategory[];
export const TRANSPORT_MODES = Object.keys(VOCABULARY.transport_mode) as TransportMode[];
/** The modes that need a manager's prior approval (未经请示同意的开销一律不予报销). */
export const PRIOR_APPROVAL_MODES: readonly TransportMode[] = ['taxi', 'freight'];
/** The server's limits of a claim (claim_schemas). */
export const CLAIM_LIMITS = { lines: 50, orders: 20, lineReceipts: 10, reason: 500, place: 100, note: 200 } as const;
/** What a receipt may be (a photo or a PDF). */
export const RECEIPT_TYPES: readonly ReceiptContentType[] = ['image/jpeg', 'image/png', 'application/pdf'];
