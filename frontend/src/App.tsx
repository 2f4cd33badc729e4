import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { App as AntApp, Spin } from 'antd';
import { I18nProvider } from './i18n';
import { canCreateOrder, canExport, canSeeAtRisk, canSeeDashboard, canSeeMonthlyReports, canSeeMyJobs, canSeePolicy } from './access';
import { AppLayout } from './components/AppLayout';
import { HomeRedirect, RequireAuth, RequireRole } from './components/RouteGuards';
import { startSession } from './api/client';

// The ID token is kept in memory only: after a (re)load, get one through the refresh cookie
// while the page's chunks load; the first API call waits for it.
void startSession();

const LoginPage = lazy(() => import('./pages/LoginPage'));
const WorkOrderListPage = lazy(() => import('./pages/WorkOrderListPage'));
const NewWorkOrderPage = lazy(() => import('./pages/NewWorkOrderPage'));
const WorkOrderDetailPage = lazy(() => import('./pages/WorkOrderDetailPage'));
const MyJobsPage = lazy(() => import('./pages/MyJobsPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const AtRiskPage = lazy(() => import('./pages/AtRiskPage'));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage'));
const PolicyPage = lazy(() => import('./pages/PolicyPage'));
const CalendarPage = lazy(() => import('./pages/CalendarPage'));
// The dashboard chunk alone carries ECharts.
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const ExportsPage = lazy(() => import('./pages/ExportsPage'));
const MonthlyReportsPage = lazy(() => import('./pages/MonthlyReportsPage'));
const SecurityPage = lazy(() => import('./pages/SecurityPage'));

const fallback = (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin />
  </div>
);

export default function App() {
  return (
    <I18nProvider>
      <AntApp>
        <BrowserRouter>
          <Suspense fallback={fallback}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<HomeRedirect />} />
                <Route path="work-orders" element={<WorkOrderListPage />} />
                <Route
                  path="work-orders/new"
                  element={
                    <RequireRole allow={canCreateOrder}>
                      <NewWorkOrderPage />
                    </RequireRole>
                  }
                />
                <Route path="work-orders/:id" element={<WorkOrderDetailPage />} />
                <Route
                  path="my-jobs"
                  element={
                    <RequireRole allow={canSeeMyJobs}>
                      <MyJobsPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="sla/at-risk"
                  element={
                    <RequireRole allow={canSeeAtRisk}>
                      <AtRiskPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="sla/policy"
                  element={
                    <RequireRole allow={canSeePolicy}>
                      <PolicyPage />
                    </RequireRole>
                  }
                />
                <Route path="sla/calendar" element={<CalendarPage />} />
                <Route
                  path="dashboard"
                  element={
                    <RequireRole allow={canSeeDashboard}>
                      <DashboardPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="exports"
                  element={
                    <RequireRole allow={canExport}>
                      <ExportsPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="monthly-reports"
                  element={
                    <RequireRole allow={canSeeMonthlyReports}>
                      <MonthlyReportsPage />
                    </RequireRole>
                  }
                />
                <Route path="notifications" element={<NotificationsPage />} />
                <Route path="security" element={<SecurityPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </I18nProvider>
  );
}
