import { CustomerServiceOutlined, MessageOutlined } from '@ant-design/icons';
import { icon, lazyPage, type Area } from '../../app/area';

/**
 * Consultations and information hand-over (咨询与信息交接, 001 §17 6.1–6.2): any staff member
 * records a customer's question or information (a technician on a phone); the service desk's
 * board, taking it over, answering, closing, turning it into a complaint or a work order.
 */
export const consultations: Area = {
  name: 'consultations',
  routes: [
    { path: '/consultations', element: lazyPage(() => import('./pages/ConsultationsPage')), permission: 'consultations.read' },
    { path: '/consultations/new', element: lazyPage(() => import('./pages/NewConsultationPage')), permission: 'consultations.create' },
    { path: '/consultations/:id', element: lazyPage(() => import('./pages/ConsultationPage')), permission: 'consultations.view' },
  ],
  menu: [
    { key: 'consultations', path: '/consultations', icon: icon(CustomerServiceOutlined), label: 'menu.consultations', permission: 'consultations.read', order: 32 },
    // anyone who takes a customer's call records it (a technician from the phone menu), next
    // to the desk's board
    { key: 'newConsultation', path: '/consultations/new', icon: icon(MessageOutlined), label: 'menu.newConsultation', permission: 'consultations.create', order: 33 },
  ],
};
