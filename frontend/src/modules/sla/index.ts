import { AlertOutlined, CalendarOutlined, SettingOutlined } from '@ant-design/icons';
import { icon, lazyPage, type Area } from '../../app/area';

/** Deadlines: the at-risk board (时限预警), the deadline policy and the working calendar. */
export const sla: Area = {
  name: 'sla',
  routes: [
    { path: '/sla/at-risk', element: lazyPage(() => import('./pages/AtRiskPage')), permission: 'sla.at_risk' },
    { path: '/sla/policy', element: lazyPage(() => import('./pages/PolicyPage')), permission: 'sla.policy.read' },
    { path: '/sla/calendar', element: lazyPage(() => import('./pages/CalendarPage')), permission: 'sla.calendar.read' },
  ],
  menu: [
    { key: 'atRisk', path: '/sla/at-risk', icon: icon(AlertOutlined), label: 'menu.atRisk', permission: 'sla.at_risk', order: 40 },
    { key: 'policy', path: '/sla/policy', icon: icon(SettingOutlined), label: 'menu.policy', permission: 'sla.policy.read', order: 90 },
    { key: 'calendar', path: '/sla/calendar', icon: icon(CalendarOutlined), label: 'menu.calendar', permission: 'sla.calendar.read', order: 100 },
  ],
};
