import type { Area } from '../../app/area';

/**
 * Customers: the search and the new-customer form. No pages of their own yet: the order pages
 * use them (components/), with their data in queries.ts.
 */
export const customers: Area = { name: 'customers' };
