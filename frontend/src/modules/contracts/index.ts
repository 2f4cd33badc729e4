import { FileProtectOutlined } from '@ant-design/icons';
import { icon, lazyCard, lazyPage, type Area } from '../../app/area';

/**
 * Maintenance contracts (维护合同, issue 18): the outlet's contracts and free maintenance
 * periods (list with 待续签; a contract's coverage, service level, call-outs, schedule,
 * checklist and history; create, edit, activate, renew, terminate) and, on the order page, the
 * contract an order was created under with the call-outs left; an inspection order's checklist
 * (巡检清单) and, on a repair opened from one of its faults, the inspection it came from.
 */
export const contracts: Area = {
  name: 'contracts',
  routes: [
    { path: '/contracts', element: lazyPage(() => import('./pages/ContractsPage')), permission: 'contracts.read' },
    { path: '/contracts/new', element: lazyPage(() => import('./pages/ContractFormPage')), permission: 'contracts.write' },
    { path: '/contracts/:contractId', element: lazyPage(() => import('./pages/ContractPage')), permission: 'contracts.read' },
    { path: '/contracts/:contractId/edit', element: lazyPage(() => import('./pages/ContractFormPage')), permission: 'contracts.write' },
  ],
  menu: [
    // with the outlet's other management pages (budgets 44, claims 44.5, units 45)
    { key: 'contracts', path: '/contracts', icon: icon(FileProtectOutlined), label: 'menu.contracts', permission: 'contracts.read', order: 45.5 },
  ],
  // before the fees' 收费明细 (10): whether the order is under a contract comes first; an
  // inspection's checklist (the technician's work on site) and a repair's inspection before it
  orderCards: [
    { key: 'from-inspection', card: lazyCard(() => import('./components/checklist/FromInspectionCard')), order: 3 },
    { key: 'checklist', card: lazyCard(() => import('./components/checklist/ChecklistCard')), order: 4 },
    { key: 'contracts', card: lazyCard(() => import('./components/ContractOrderCard')), order: 5 },
  ],
};
