import type { Area } from '../app/area';
import { account } from './account';
import { orders } from './orders';
import { customers } from './customers';
import { directory } from './directory';
import { sla } from './sla';
import { evidence } from './evidence';
import { figures } from './figures';
import { notifications } from './notifications';
import { dispatch } from './dispatch';
import { warranty } from './warranty';
import { parts } from './parts';
import { consultations } from './consultations';
import { conduct } from './conduct';
import { complaints } from './complaints';
import { technicians } from './technicians';
import { fees } from './fees';
import { contracts } from './contracts';

/**
 * The SPA's business areas, one folder each (routes, pages, components, queries, locale
 * strings), named as the API's packages. The shell builds its routes and menus from this list;
 * each area's strings are merged in src/i18n/messages.ts.
 */
export const AREAS: Area[] = [
  account, // sign-in, account security
  orders, // work order list, order page, new order, my jobs
  customers, // customer search and the new-customer form (used by the order pages)
  directory, // outlets and staff, the outlet picker
  sla, // at-risk board, deadline policy, working calendar
  evidence, // photos, upload queue, signature pad, service reports
  figures, // dashboard, monthly reports, exports
  notifications, // inbox page and bell
  dispatch, // dispatch board, technician picker of the dispatch form
  warranty, // units (产品档案), their import, warranty terms and price list
  parts, // spare parts: catalogue, warehouse stock, requisitions on orders, transfers, counts
  consultations, // consultations and information hand-over: the desk's board, recording one, converting it
  conduct, // the conduct ledger: a person's record (奖惩), entering a reward or penalty
  complaints, // customer complaints: the board, the record form, a complaint's process, routing settings
  technicians, // technicians: the outlet's list, a technician's file (stars, certificates), expiry list, job classes
  fees, // fees: the order page's charges and payments, the outlets' budgets
  contracts, // maintenance contracts: list, a contract's page and form, the order page's contract card
];
