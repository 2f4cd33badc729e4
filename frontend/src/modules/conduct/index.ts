import { TrophyOutlined } from '@ant-design/icons';
import { icon, lazyPage, type Area } from '../../app/area';

/**
 * The conduct ledger (奖惩台账): a person's record (their month's penalties and rewards, the
 * complaints about them), entering a reward or a penalty; a technician's own from the phone
 * menu (我的奖惩, `/people/me`).
 */
export const conduct: Area = {
  name: 'conduct',
  routes: [{ path: '/people/:username', element: lazyPage(() => import('./pages/PersonRecordPage')), permission: 'conduct.record.read' }],
  // everyone's own record (a technician's phone menu, the warehouse's, the office's: last, after
  // their work); managers reach another person's from a complaint or the dashboard
  menu: [{ key: 'myConduct', path: '/people/me', icon: icon(TrophyOutlined), label: 'menu.myConduct', permission: 'conduct.record.read', order: 110 }],
};
