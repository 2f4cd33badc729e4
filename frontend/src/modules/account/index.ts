import { NotificationOutlined, SafetyOutlined } from '@ant-design/icons';
import { icon, lazyPage, type Area } from '../../app/area';
import { SECURITY_PATH } from '../../app/RouteGuards';

/** Where each user chooses how they get work notices. */
export const PREFERENCES_PATH = '/preferences';

/** Sign-in (password, then TOTP or a new password when Cognito asks), account security and notice preferences. */
export const account: Area = {
  name: 'account',
  routes: [
    { path: '/login', element: lazyPage(() => import('./pages/LoginPage')), public: true },
    { path: SECURITY_PATH, element: lazyPage(() => import('./pages/SecurityPage')) },
    { path: PREFERENCES_PATH, element: lazyPage(() => import('./pages/PreferencesPage')) },
  ],
  userMenu: [
    { key: 'security', path: SECURITY_PATH, icon: icon(SafetyOutlined), label: 'menu.security', order: 10 },
    { key: 'preferences', path: PREFERENCES_PATH, icon: icon(NotificationOutlined), label: 'menu.preferences', order: 20 },
  ],
};
