import { FileAddOutlined, ProfileOutlined, ToolOutlined } from '@ant-design/icons';
import { icon, lazyPage, type Area } from '../../app/area';

/** Work orders: the list, an order's page with its actions, recording feedback, my jobs. */
export const orders: Area = {
  name: 'orders',
  routes: [
    { path: '/work-orders', element: lazyPage(() => import('./pages/WorkOrderListPage')), permission: 'orders.read' },
    { path: '/work-orders/new', element: lazyPage(() => import('./pages/NewWorkOrderPage')), permission: 'orders.create' },
    { path: '/work-orders/:id', element: lazyPage(() => import('./pages/WorkOrderDetailPage')), permission: 'orders.read' },
    { path: '/my-jobs', element: lazyPage(() => import('./pages/MyJobsPage')), permission: 'orders.my_jobs' },
  ],
  menu: [
    { key: 'myJobs', path: '/my-jobs', icon: icon(ToolOutlined), label: 'menu.myJobs', permission: 'orders.my_jobs', order: 10 },
    { key: 'workOrders', path: '/work-orders', icon: icon(ProfileOutlined), label: 'menu.workOrders', permission: 'orders.read', order: 20 },
    { key: 'newOrder', path: '/work-orders/new', icon: icon(FileAddOutlined), label: 'menu.newOrder', permission: 'orders.create', order: 30 },
  ],
};
