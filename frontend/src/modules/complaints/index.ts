import { ExclamationCircleOutlined, FormOutlined, LineChartOutlined, SettingOutlined } from '@ant-design/icons';
import { icon, lazyPage, type Area } from '../../app/area';

/**
 * Customer complaints (客户投诉): the board per outlet (and head office's own queue), the
 * 客户投诉登记表 any staff member fills (on a phone too), a complaint's page with its process
 * step by step, and head office's routing table and settings.
 */
export const complaints: Area = {
  name: 'complaints',
  routes: [
    { path: '/complaints', element: lazyPage(() => import('./pages/ComplaintsBoardPage')), permission: 'complaints.read' },
    { path: '/complaints/new', element: lazyPage(() => import('./pages/NewComplaintPage')), permission: 'complaints.create' },
    { path: '/complaints/settings', element: lazyPage(() => import('./pages/SettingsPage')), permission: 'complaints.settings.write' },
    // the monthly complaint rate (rate/: its page, and the card the figures dashboard shows)
    { path: '/complaints/rate', element: lazyPage(() => import('./rate/RatePage')), permission: 'complaints.rate.read' },
    { path: '/complaints/:id', element: lazyPage(() => import('./pages/ComplaintPage')), permission: 'complaints.view' },
  ],
  menu: [
    { key: 'complaints', path: '/complaints', icon: icon(ExclamationCircleOutlined), label: 'menu.complaints', permission: 'complaints.read', order: 42 },
    // any staff member records one (a technician from the phone menu)
    { key: 'newComplaint', path: '/complaints/new', icon: icon(FormOutlined), label: 'menu.newComplaint', permission: 'complaints.create', order: 43 },
    { key: 'complaintRate', path: '/complaints/rate', icon: icon(LineChartOutlined), label: 'menu.complaintRate', permission: 'complaints.rate.read', order: 55 },
    { key: 'complaintSettings', path: '/complaints/settings', icon: icon(SettingOutlined), label: 'menu.complaintSettings', permission: 'complaints.settings.write', order: 97 },
  ],
};
