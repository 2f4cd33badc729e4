import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { App as AntApp, Spin } from 'antd';
import { I18nProvider } from '../i18n';
import { startSession } from '../api/client';
import { AREAS } from '../modules';
import { AppLayout } from './AppLayout';
import { QueryProvider } from './queryClient';
import { HomeRedirect, RequireAuth, RequirePermission } from './RouteGuards';

// The ID token is kept in memory only: after a (re)load, get one through the refresh cookie
// while the page's chunks load; the first API call waits for it.
void startSession();

const NotFoundPage = lazy(() => import('./NotFoundPage'));

const routes = AREAS.flatMap((area) => area.routes ?? []);
const publicRoutes = routes.filter((route) => route.public);
const shellRoutes = routes.filter((route) => !route.public);

const fallback = (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin />
  </div>
);

/** Providers (language, antd, data), then the routes every area registered. */
export default function App() {
  return (
    <I18nProvider>
      <AntApp>
        <QueryProvider>
          <BrowserRouter>
            <Suspense fallback={fallback}>
              <Routes>
                {publicRoutes.map((route) => (
                  <Route key={route.path} path={route.path} element={route.element} />
                ))}
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<HomeRedirect />} />
                  {shellRoutes.map((route) => (
                    <Route
                      key={route.path}
                      path={route.path}
                      element={route.permission ? <RequirePermission permission={route.permission}>{route.element}</RequirePermission> : route.element}
                    />
                  ))}
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </QueryProvider>
      </AntApp>
    </I18nProvider>
  );
}
