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
