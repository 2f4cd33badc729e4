import { DashboardOutlined, ExportOutlined, FileTextOutlined } from '@ant-design/icons';
import { icon, lazyPage, type Area } from '../../app/area';

/** Figures: the KPI dashboard (数据看板), monthly reports (月度报表) and data exports (数据导出). */
export const figures: Area = {
  name: 'figures',
  routes: [
    // The dashboard chunk alone carries ECharts.
    { path: '/dashboard', element: lazyPage(() => import('./pages/DashboardPage')), permission: 'figures.kpi' },
    { path: '/exports', element: lazyPage(() => import('./pages/ExportsPage')), permission: 'figures.exports' },
    { path: '/monthly-reports', element: lazyPage(() => import('./pages/MonthlyReportsPage')), permission: 'figures.monthly.read' },
  ],
  menu: [
    { key: 'dashboard', path: '/dashboard', icon: icon(DashboardOutlined), label: 'menu.dashboard', permission: 'figures.kpi', order: 50 },
    { key: 'monthlyReports', path: '/monthly-reports', icon: icon(FileTextOutlined), label: 'menu.monthlyReports', permission: 'figures.monthly.read', order: 60 },
    { key: 'exports', path: '/exports', icon: icon(ExportOutlined), label: 'menu.exports', permission: 'figures.exports', order: 70 },
  ],
};
