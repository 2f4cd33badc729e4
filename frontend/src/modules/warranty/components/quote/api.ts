import { api } from '../../../../api/client';
import type { components } from '../../../../api/schema';
import type { PublicQuote } from './types';

/*
 * The quote's calls outside the order's lifecycle actions, through the typed client (its
 * middleware throws every error answer as an ApiError, so `data` is the success answer).
 */

/** A link the customer opens to read and confirm the approved quote (`/q/<token>`, this revision). */
export async function createQuoteLink(orderId: string): Promise<components['schemas']['QuoteLinkCreated']> {
  const { data } = await api.POST('/api/work-orders/{order_id}/quote/link', { params: { path: { order_id: orderId } } });
  return data!;
}

/** The prices a quote of the order starts from (its unit's model template, else the default). */
export async function getPriceList(orderId: string): Promise<components['schemas']['PriceList']> {
  const { data } = await api.GET('/api/work-orders/{order_id}/price-list', { params: { path: { order_id: orderId } } });
  return data!;
}

/** The quote as the customer sees it through the link (no sign-in). */
export async function getPublicQuote(token: string): Promise<PublicQuote> {
  const { data } = await api.GET('/api/public/quotes/{token}', { params: { path: { token } } });
  return data!;
}

/** The customer's decision through the link, with their name. */
export async function decidePublicQuote(token: string, body: { customer_name: string; decision: 'confirm' | 'refuse' }): Promise<PublicQuote> {
  const { data } = await api.POST('/api/public/quotes/{token}/decision', { params: { path: { token } }, body });
  return data!;
}
