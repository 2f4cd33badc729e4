import { CarOutlined, FundOutlined } from '@ant-design/icons';
import { icon, lazyCard, lazyPage, type Area } from '../../app/area';

/**
 * Fees (售后费用): the order page's 收费明细 card (fee lines with the charge and the internal
 * cost, the manager's approval, payments with their hand-in to finance, on the phone too), the
 * outlets' yearly budgets (预算管理: limits per category, the stop flag, spends, 费用增加申请) and
 * travel claims (差旅报销: the claimant files on the phone with receipts, the manager then head
 * office approve, the approval books the budget).
 */
export const fees: Area = {
  name: 'fees',
  routes: [
    { path: '/budgets', element: lazyPage(() => import('./pages/BudgetsPage')), permission: 'fees.budgets.read' },
    { path: '/claims', element: lazyPage(() => import('./pages/ClaimsPage')), permission: 'fees.claims.read' },
    { path: '/claims/new', element: lazyPage(() => import('./pages/ClaimPage')), permission: 'fees.claims.file' },
    { path: '/claims/:claimId', element: lazyPage(() => import('./pages/ClaimPage')), permission: 'fees.claims.read' },
  ],
  menu: [
    // with the outlet's other management pages (appraisal 38, units 45, parts 46–49)
    { key: 'budgets', path: '/budgets', icon: icon(FundOutlined), label: 'menu.budgets', permission: 'fees.budgets.read', order: 44 },
    { key: 'claims', path: '/claims', icon: icon(CarOutlined), label: 'menu.claims', permission: 'fees.claims.read', order: 44.5 },
  ],
  orderCards: [{ key: 'fees', card: lazyCard(() => import('./components/FeeLinesCard')), permission: 'fees.read', order: 10 }],
};
