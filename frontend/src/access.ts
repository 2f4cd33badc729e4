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

/** The KPI dashboard (数据看板): managers for their outlet, head office for any outlet or the network. */
export const canSeeDashboard = (role: Role) => role === 'manager' || role === 'head_office';

/** Data exports (数据导出): managers for their outlet, head office for any outlets. */
export const canExport = (role: Role) => role === 'manager' || role === 'head_office';

/** Monthly reports (月度报表): managers read their outlet's, head office all of them. */
export const canSeeMonthlyReports = (role: Role) => role === 'manager' || role === 'head_office';

/** Only head office rebuilds a month's reports on demand. */
export const canRunMonthlyReports = isHeadOffice;

/** Where a user lands after login and on "/". */
export const homePath = (role: Role) => (isTechnician(role) ? '/my-jobs' : '/work-orders');

export type MenuKey =
  | 'myJobs'
  | 'workOrders'
  | 'newOrder'
  | 'atRisk'
  | 'dashboard'
  | 'monthlyReports'
  | 'exports'
  | 'notifications'
  | 'policy'
  | 'calendar';

/** The side menu entries of a role, in display order. */
export function menuKeys(role: Role): MenuKey[] {
  const keys: MenuKey[] = [];
  if (canSeeMyJobs(role)) keys.push('myJobs');
  keys.push('workOrders');
  if (canCreateOrder(role)) keys.push('newOrder');
  if (canSeeAtRisk(role)) keys.push('atRisk');
  if (canSeeDashboard(role)) keys.push('dashboard');
  if (canSeeMonthlyReports(role)) keys.push('monthlyReports');
  if (canExport(role)) keys.push('exports');
  keys.push('notifications');
  if (canSeePolicy(role)) keys.push('policy');
  keys.push('calendar');
  return keys;
}
