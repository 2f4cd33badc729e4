import { ApartmentOutlined, AuditOutlined, IdcardOutlined, ReadOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { icon, lazyPage, type Area } from '../../app/area';
import { TRAINING } from './training/permissions';

/**
 * Technicians (技术员): an outlet's technicians with their stars and certificates, a
 * technician's file (star changes with their history, certificates, this month's figures), the
 * certificate expiry list, and a technician's own file on the phone (我的技术档案,
 * `/technicians/me`: the same page, without the manager's buttons).
 */
export const technicians: Area = {
  name: 'technicians',
  routes: [
    // the outlet's list and the expiry list are for who keeps the technicians' stars and
    // certificates (manager, head office); a technician reads only their own file
    { path: '/technicians', element: lazyPage(() => import('./pages/TechniciansPage')), permission: 'technicians.certificates.write' },
    {
      path: '/technicians/certificates/expiring',
      element: lazyPage(() => import('./pages/ExpiringCertificatesPage')),
      permission: 'technicians.certificates.write',
    },
    // head office's job-class table (工种与资质): everyone reads it, head office edits it
    { path: '/technicians/job-classes', element: lazyPage(() => import('./pages/JobClassesPage')), permission: 'technicians.job_classes.read' },
    // the monthly appraisal (月度考核, appraisal/): an outlet's month per technician, its sign-off
    { path: '/technicians/appraisals', element: lazyPage(() => import('./appraisal/AppraisalPage')), permission: 'technicians.appraisal.read' },
    // training (培训, training/): sessions with their results, annual plans, proposed penalties
    { path: '/technicians/training', element: lazyPage(() => import('./training/TrainingPage')), permission: TRAINING.read },
    { path: '/technicians/training/sessions/:id', element: lazyPage(() => import('./training/SessionPage')), permission: TRAINING.read },
    { path: '/technicians/:username', element: lazyPage(() => import('./pages/TechnicianFilePage')), permission: 'technicians.read' },
  ],
  menu: [
    { key: 'technicians', path: '/technicians', icon: icon(TeamOutlined), label: 'menu.technicians', permission: 'technicians.certificates.write', order: 36 },
    {
      key: 'certificateExpiry',
      path: '/technicians/certificates/expiring',
      icon: icon(SafetyCertificateOutlined),
      label: 'menu.certificateExpiry',
      permission: 'technicians.certificates.write',
      order: 37,
    },
    { key: 'appraisal', path: '/technicians/appraisals', icon: icon(AuditOutlined), label: 'appraisal.menu', permission: 'technicians.appraisal.read', order: 38 },
    { key: 'training', path: '/technicians/training', icon: icon(ReadOutlined), label: 'training.menu', permission: TRAINING.read, order: 38.5 },
    // with head office's other tables (deadline policy 90, warranty terms 95, parts 96, complaints 97)
    { key: 'jobClasses', path: '/technicians/job-classes', icon: icon(ApartmentOutlined), label: 'menu.jobClasses', permission: 'technicians.job_classes.read', order: 98 },
    // a technician's own file (stars, certificates, this month): in their phone menu after
    // their work, before 我的奖惩; only who has jobs of their own (technicians) has one
    { key: 'myTechnicianFile', path: '/technicians/me', icon: icon(IdcardOutlined), label: 'menu.myTechnicianFile', permission: 'orders.my_jobs', order: 105 },
  ],
};
