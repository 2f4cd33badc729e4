import { createElement } from 'react';
import { BellOutlined } from '@ant-design/icons';
import { icon, lazyPage, type Area } from '../../app/area';
import { InboxBell } from './components/InboxBell';

/** The in-app inbox (SLA warnings, breaches, escalations): its page and the header's bell. */
export const notifications: Area = {
  name: 'notifications',
  routes: [{ path: '/notifications', element: lazyPage(() => import('./pages/NotificationsPage')), permission: 'notifications.read' }],
  menu: [
    { key: 'notifications', path: '/notifications', icon: icon(BellOutlined), label: 'menu.notifications', permission: 'notifications.read', order: 80 },
  ],
  header: [{ key: 'inbox', element: createElement(InboxBell), permission: 'notifications.read', order: 20 }],
};
