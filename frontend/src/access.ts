import { useCallback } from 'react';
import { useMe } from './api/session';
import type { ActionName, Me } from './api/types';

/*
 * What the signed-in user may open and do, as the API says: `GET /api/me` (and the `user` of a
 * sign-in or refresh) carries the caller's permissions, computed by the server from its one
 * table of rules. The SPA keeps no copy of those rules: menus, routes and buttons ask `can`.
 * The server enforces them anyway; these checks only decide what to show.
 */

/** Taking a lifecycle action on a work order (the order's own rules, e.g. "its technician", still apply). */
export type ActionPermission = `orders.action.${ActionName}`;

export type Permission =
  /** Work orders: the list and an order's page (every role). */
  | 'orders.read'
  /** Recording customer feedback as a new order. */
  | 'orders.create'
  /** "My jobs", the technician's home page. */
  | 'orders.my_jobs'
  /** The dispatch form's ranked technicians; the outlet's dispatch board (派工看板). */
  | 'orders.dispatch_candidates'
  | 'orders.dispatch_board'
  /** Searching customers (the new-order form, the list's search box). */
  | 'customers.read'
  /** Creating a customer. */
  | 'customers.write'
  /** Choosing any outlet (head office); without it a user sees their own outlet only. */
  | 'directory.all_outlets'
  /** The at-risk board (时限预警). */
  | 'sla.at_risk'
  /** Acknowledging a breach on the at-risk board, with a note. */
  | 'sla.acknowledge'
  | 'sla.policy.read'
  | 'sla.policy.write'
  | 'sla.calendar.read'
  | 'sla.calendar.write'
  /** The KPI dashboard (数据看板). */
  | 'figures.kpi'
  /** Data exports (数据导出). */
  | 'figures.exports'
  /** Monthly reports (月度报表): reading them, and rebuilding a month on demand. */
  | 'figures.monthly.read'
  | 'figures.monthly.run'
  | 'notifications.read'
  /** Warranty terms and price list (三包条款与收费标准): reading (everyone) and editing (head office). */
  | 'warranty.templates.read'
  | 'warranty.templates.write'
  /** Units (产品档案): the list and a unit's page; registering one; changing a unit's terms; the Excel import. */
  | 'warranty.units.read'
  | 'warranty.units.write'
  | 'warranty.units.terms'
  | 'warranty.units.import'
  /** A unit's photos (nameplate, installation, site, barcode): uploading them (the unit's outlet's agent or manager) and reading them. */
  | 'warranty.unit_photos.upload'
  | 'warranty.unit_photos.read'
  /** Spare parts (issue 14): the catalogue (everyone reads, head office edits), an outlet's
   * warehouse stock and its keeper's movements, requisitions on an order, transfers, counts. */
  | 'parts.catalogue.read'
  | 'parts.catalogue.write'
  | 'parts.stock.read'
  | 'parts.stock.write'
  | 'parts.requisitions.read'
  | 'parts.requisitions.create'
  /** The requisition queues page (manager, head office, keeper). */
  | 'parts.requisitions.queues'
  | 'parts.requisitions.approve'
  | 'parts.requisitions.issue'
  | 'parts.requisitions.receive'
  | 'parts.exceptions.write'
  | 'parts.costs.read'
  | 'parts.transfers.read'
  | 'parts.transfers.write'
  | 'parts.counts.read'
  | 'parts.counts.write'
  | 'parts.counts.approve'
  /** Consultations and hand-over (issue 15): recording one (everyone), the desk's board, a consultation's page. */
  | 'consultations.create'
  | 'consultations.read'
  | 'consultations.view'
  /** Complaints (issue 15): recording one (everyone), an outlet's board (the office), a complaint's
   * page (its readers and its recorder), head office's routing table and settings. */
  | 'complaints.create'
  | 'complaints.read'
  | 'complaints.view'
  | 'complaints.settings.write'
  /** The monthly complaint rate (manager, head office) and building a month now (head office). */
  | 'complaints.rate.read'
  | 'complaints.rate.run'
  /** A person's record (奖惩记录: themself, their outlet's managers, head office) and entering a reward or penalty. */
  | 'conduct.record.read'
  | 'conduct.ledger.write'
  /** Technicians (issue 16): the job-class table (everyone reads, head office edits); an outlet's
   * technicians, a technician's file and the expiry list (manager, head office; a technician
   * their own file); star changes and certificates (manager, head office). */
  | 'technicians.job_classes.read'
  | 'technicians.job_classes.write'
  | 'technicians.read'
  | 'technicians.stars.write'
  | 'technicians.certificates.write'
  /** Training (培训): plans, sessions and their results (manager: their outlet; head office: any);
   * approving a plan and deciding a proposed absence penalty. */
  | 'technicians.training.read'
  | 'technicians.training.write'
  | 'technicians.training.approve'
  /** The monthly appraisal (月度考核): reading an outlet's month and signing it off (manager of the outlet, head office). */
  | 'technicians.appraisal.read'
  | 'technicians.appraisal.sign'
  /** Fees (issue 17): an order's fee lines and payments (whoever reads the order), editing the
   * lines, the manager's approval, recording a payment and its hand-in to finance; the outlets'
   * budgets (manager: their own; head office sets them and decides the 费用增加申请). */
  | 'fees.read'
  | 'fees.write'
  | 'fees.approve'
  | 'fees.payments.write'
  | 'fees.payments.hand_in'
  | 'fees.budgets.read'
  | 'fees.budgets.write'
  | 'fees.budgets.request'
  | 'fees.budgets.decide'
  /** A spend booked by hand against an outlet's budget (its manager, head office). */
  | 'fees.budgets.spend'
  /** Travel claims (差旅费报销单): filing one's own (technician, manager, support), reading them
   * (one's own; a manager their outlet's; head office all), deciding (manager: submitted claims
   * of their outlet; head office: manager-approved ones). */
  | 'fees.claims.file'
  | 'fees.claims.read'
  | 'fees.claims.decide'
  /** Maintenance contracts (维护合同, issue 18): reading them (manager, support, agent, technician:
   * their outlet; head office: all) and creating, editing, activating, renewing, terminating
   * (manager: their outlet; head office). */
  | 'contracts.read'
  | 'contracts.write'
  | ActionPermission;

/** The user as the API describes them, with their permissions (absent: none). */
type Holder = Me & { permissions?: readonly string[] | null };

/** Whether the user holds a permission; no user, or a profile without permissions, holds none. */
export function can(me: Me | null | undefined, permission: Permission): boolean {
  return Boolean((me as Holder | null | undefined)?.permissions?.includes(permission));
}

/** Where a user lands after sign-in and on "/": their jobs when they have any, else the order list. */
export const homePath = (me: Me) => (can(me, 'orders.my_jobs') ? '/my-jobs' : '/work-orders');

/** `can` for the signed-in user; only for components rendered behind the route guard. */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return useCallback((permission: Permission) => can(me, permission), [me]);
}
