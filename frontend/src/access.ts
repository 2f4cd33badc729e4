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

/** The at-risk board (时限预警): managers for their outlet, head office for any. */
export const canSeeAtRisk = (role: Role) => role === 'manager' || role === 'head_office';

/** The SLA policy page: head office edits, managers read their outlet's effective policy. */
export const canSeePolicy = (role: Role) => role === 'manager' || role === 'head_office';

export const canEditPolicy = isHeadOffice;

/** Everyone reads the working calendar; head office edits it and the outlets' working hours. */
export const canEditCalendar = isHeadOffice;

/** Where a user lands after login and on "/". */
export const homePath = (role: Role) => (isTechnician(role) ? '/my-jobs' : '/work-orders');

export type MenuKey = 'myJobs' | 'workOrders' | 'newOrder' | 'atRisk' | 'notifications' | 'policy' | 'calendar';

/** The side menu entries of a role, in display order. */
export function menuKeys(role: Role): MenuKey[] {
  const keys: MenuKey[] = [];
  if (canSeeMyJobs(role)) keys.push('myJobs');
  keys.push('workOrders');
  if (canCreateOrder(role)) keys.push('newOrder');
  if (canSeeAtRisk(role)) keys.push('atRisk');
  keys.push('notifications');
  if (canSeePolicy(role)) keys.push('policy');
  keys.push('calendar');
  return keys;
}
