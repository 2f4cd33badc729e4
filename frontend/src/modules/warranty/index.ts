import { DatabaseOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { icon, lazyPage, type Area } from '../../app/area';

/**
 * Installed base and warranty: the units (产品档案) with their terms and service record, their
 * Excel import, and head office's warranty terms and price list (三包条款与收费标准).
 */
export const warranty: Area = {
  name: 'warranty',
  routes: [
    { path: '/units', element: lazyPage(() => import('./pages/UnitsPage')), permission: 'warranty.units.read' },
    { path: '/customers/:customerId/units/:unitId', element: lazyPage(() => import('./pages/UnitPage')), permission: 'warranty.units.read' },
    { path: '/warranty/templates', element: lazyPage(() => import('./pages/TemplatesPage')), permission: 'warranty.templates.read' },
    // the quote a customer was sent, read and confirmed on their phone without signing in
    { path: '/q/:token', element: lazyPage(() => import('./pages/PublicQuotePage')), public: true },
  ],
  menu: [
    { key: 'units', path: '/units', icon: icon(DatabaseOutlined), label: 'menu.units', permission: 'warranty.units.read', order: 45 },
    { key: 'warrantyTemplates', path: '/warranty/templates', icon: icon(SafetyCertificateOutlined), label: 'menu.warrantyTemplates', permission: 'warranty.templates.read', order: 95 },
  ],
};
