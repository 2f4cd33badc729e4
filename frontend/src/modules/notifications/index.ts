import { BellOutlined } from '@ant-design/icons';
import { icon, lazyPage, lazyWidget, type Area } from '../../app/area';

/** The in-app inbox (hand-offs of the work; SLA warnings, breaches, escalations): its page and the header's bell. */
export const notifications: Area = {
  name: 'notifications',
  routes: [{ path: '/notifications', element: lazyPage(() => import('./pages/NotificationsPage')), permission: 'notifications.read' }],
  menu: [
    { key: 'notifications', path: '/notifications', icon: icon(BellOutlined), label: 'menu.notifications', permission: 'notifications.read', order: 80 },
  ],
  header: [{ key: 'inbox', element: lazyWidget(() => import('./components/InboxBell'), 'InboxBell'), permission: 'notifications.read', order: 20 }],
};
