import type { Role } from './api/types';

// Every "may this role ...?" question of the SPA, answered in one place.
// The server enforces the same rules; these only decide what to show.

export const canCreateOrder = (role: Role) => role === 'agent' || role === 'manager';

export const canCreateCustomer = (role: Role) => role === 'agent' || role === 'manager';

export const canSearchCustomers = (role: Role) =>
  role === 'agent' || role === 'manager' || role === 'support' || role === 'head_office';

export const isHeadOffice = (role: Role) => role === 'head_office';

export const isTechnician = (role: Role) => role === 'technician';

export const canSeeMyJobs = isTechnician;

/** Where a user lands after login and on "/". */
export const homePath = (role: Role) => (isTechnician(role) ? '/my-jobs' : '/work-orders');

export type MenuKey = 'myJobs' | 'workOrders' | 'newOrder';

/** The side menu entries of a role, in display order. */
export function menuKeys(role: Role): MenuKey[] {
  const keys: MenuKey[] = [];
  if (canSeeMyJobs(role)) keys.push('myJobs');
  keys.push('workOrders');
  if (canCreateOrder(role)) keys.push('newOrder');
  return keys;
}
