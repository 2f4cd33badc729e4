import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { App as AntApp } from 'antd';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { I18nProvider } from '../i18n';
import { startSession } from '../api/client';
import { AREAS } from '../modules';
import { preload } from './area';
import { BootShell, PageSkeleton } from './BootShell';
import { QueryProvider, RefetchOnLanguageChange } from './queryClient';
import { HomeRedirect, RequireAuth, RequirePermission } from './RouteGuards';

// The ID token is kept in memory only: after a (re)load, get one through the refresh cookie
// while the page's chunks load; the first API call waits for it.
void startSession();

/*
 * Code splitting (docs/architecture.md "The SPA"): the first chunk holds React, the router, the
 * data layer, antd's core and the strings; the signed-in frame (menus, header widgets) and every
 * page are chunks of their own, loaded when first shown. The sign-in page thus never downloads
 * the frame, and a page never downloads another page's libraries (ECharts: the dashboard's).
 */
const AppLayout = lazy(() => import('./AppLayout').then((module) => ({ default: module.AppLayout })));
const NotFoundPage = lazy(() => import('./NotFoundPage'));

const routes = AREAS.flatMap((area) => area.routes ?? []);
const publicRoutes = routes.filter((route) => route.public);
const shellRoutes = routes.filter((route) => !route.public);

/** What `homePath` (access.ts) answers: the first page after sign-in, for one role or another. */
const HOME_PATHS = ['/work-orders', '/my-jobs'];

/**
 * On the sign-in page, the first keystroke starts loading what comes after it: the frame, its
 * header widgets and the home pages. On a weak link the typing hides most of that download
 * instead of adding it after the click; the sign-in page's own load is untouched (nothing is
 * fetched before the user types), and a data saver turns it off.
 */
function PrefetchAfterSignIn() {
  useEffect(() => {
    const start = () => {
      if ((navigator as { connection?: { saveData?: boolean } }).connection?.saveData) return;
      void import('./AppLayout').catch(() => undefined);
      AREAS.flatMap((area) => area.header ?? []).forEach((item) => preload(item.element));
      shellRoutes.filter((route) => HOME_PATHS.includes(route.path)).forEach((route) => preload(route.element));
    };
    document.addEventListener('input', start, { once: true, capture: true });
    return () => document.removeEventListener('input', start, { capture: true });
  }, []);
  return null;
}

/** A page in the signed-in frame: its skeleton in place while its chunk loads. */
const inFrame = (page: ReactNode) => <Suspense fallback={<PageSkeleton />}>{page}</Suspense>;

/** Providers (language, antd, data), then the routes every area registered. */
export default function App() {
  return (
    <I18nProvider>
      <AntApp>
        <QueryProvider>
          <RefetchOnLanguageChange />
          <BrowserRouter>
            <ErrorBoundary testId="app-error">
              <Suspense fallback={<BootShell />}>
                <Routes>
                  {publicRoutes.map((route) => (
                    <Route
                      key={route.path}
                      path={route.path}
                      element={
                        <>
                          {route.element}
                          <PrefetchAfterSignIn />
                        </>
                      }
                    />
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
                        element={inFrame(route.permission ? <RequirePermission permission={route.permission}>{route.element}</RequirePermission> : route.element)}
                      />
                    ))}
                    <Route path="*" element={inFrame(<NotFoundPage />)} />
                  </Route>
                </Routes>
              </Suspense>
            </ErrorBoundary>
          </BrowserRouter>
        </QueryProvider>
      </AntApp>
    </I18nProvider>
  );
}
