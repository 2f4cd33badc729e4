import { FundOutlined } from '@ant-design/icons';
import { icon, lazyCard, lazyPage, type Area } from '../../app/area';

/**
 * Fees (售后费用): the order page's 收费明细 card (fee lines with the charge and the internal
 * cost, the manager's approval, payments with their hand-in to finance, on the phone too) and
 * the outlets' yearly budgets (预算管理: limits per category, the stop flag, spends, 费用增加申请).
 */
export const fees: Area = {
  name: 'fees',
  routes: [{ path: '/budgets', element: lazyPage(() => import('./pages/BudgetsPage')), permission: 'fees.budgets.read' }],
  menu: [
    // with the outlet's other management pages (appraisal 38, units 45, parts 46–49)
    { key: 'budgets', path: '/budgets', icon: icon(FundOutlined), label: 'menu.budgets', permission: 'fees.budgets.read', order: 44 },
  ],
  orderCards: [{ key: 'fees', card: lazyCard(() => import('./components/FeeLinesCard')), permission: 'fees.read', order: 10 }],
};
