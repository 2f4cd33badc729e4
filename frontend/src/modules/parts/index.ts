import { AppstoreOutlined, AuditOutlined, InboxOutlined, SwapOutlined, ToolOutlined } from '@ant-design/icons';
import { icon, lazyPage, type Area } from '../../app/area';

/**
 * Spare parts (备品配件): head office's catalogue, each outlet's warehouse (stock, ledger,
 * warnings and reorder suggestions), transfers between warehouses (调拨) and stock counts
 * (盘点); the requisitions on a work order (见单发料) and the order page's parts card.
 */
export const parts: Area = {
  name: 'parts',
  routes: [
    { path: '/parts', element: lazyPage(() => import('./pages/CataloguePage')), permission: 'parts.catalogue.read' },
    { path: '/parts/stock', element: lazyPage(() => import('./pages/StockPage')), permission: 'parts.stock.read' },
    { path: '/parts/transfers', element: lazyPage(() => import('./pages/TransfersPage')), permission: 'parts.transfers.read' },
    { path: '/parts/counts', element: lazyPage(() => import('./pages/CountsPage')), permission: 'parts.counts.read' },
    { path: '/parts/requisitions', element: lazyPage(() => import('./pages/RequisitionsPage')), permission: 'parts.requisitions.queues' },
    { path: '/parts/counts/:id', element: lazyPage(() => import('./pages/CountPage')), permission: 'parts.counts.read' },
  ],
  menu: [
    { key: 'partsStock', path: '/parts/stock', icon: icon(InboxOutlined), label: 'menu.partsStock', permission: 'parts.stock.read', order: 46 },
    // the queues (approve, issue, return) are the manager's, head office's and the keeper's:
    // the menu entry for exactly those roles (everyone reads a requisition on its order)
    { key: 'partsRequisitions', path: '/parts/requisitions', icon: icon(ToolOutlined), label: 'menu.partsRequisitions', permission: 'parts.requisitions.queues', order: 47 },
    { key: 'partsTransfers', path: '/parts/transfers', icon: icon(SwapOutlined), label: 'menu.partsTransfers', permission: 'parts.transfers.read', order: 48 },
    { key: 'partsCounts', path: '/parts/counts', icon: icon(AuditOutlined), label: 'menu.partsCounts', permission: 'parts.counts.read', order: 49 },
    { key: 'partsCatalogue', path: '/parts', icon: icon(AppstoreOutlined), label: 'menu.partsCatalogue', permission: 'parts.catalogue.read', order: 96 },
  ],
};
