import { ScheduleOutlined } from '@ant-design/icons';
import { icon, lazyPage, type Area } from '../../app/area';

/** Dispatching: the manager's dispatch board; the technician picker of the dispatch form. */
export const dispatch: Area = {
  name: 'dispatch',
  routes: [{ path: '/dispatch-board', element: lazyPage(() => import('./pages/DispatchBoardPage')), permission: 'orders.dispatch_board' }],
  menu: [
    { key: 'dispatchBoard', path: '/dispatch-board', icon: icon(ScheduleOutlined), label: 'menu.dispatchBoard', permission: 'orders.dispatch_board', order: 35 },
  ],
};
