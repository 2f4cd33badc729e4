import { SafetyOutlined } from '@ant-design/icons';
import { icon, lazyPage, type Area } from '../../app/area';
import { SECURITY_PATH } from '../../app/RouteGuards';

/** Sign-in (password, then TOTP or a new password when Cognito asks) and account security. */
export const account: Area = {
  name: 'account',
  routes: [
    { path: '/login', element: lazyPage(() => import('./pages/LoginPage')), public: true },
    { path: SECURITY_PATH, element: lazyPage(() => import('./pages/SecurityPage')) },
  ],
  userMenu: [{ key: 'security', path: SECURITY_PATH, icon: icon(SafetyOutlined), label: 'menu.security', order: 10 }],
};
