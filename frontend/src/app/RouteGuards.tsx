import { lazy, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useMe, useSession } from '../api/session';
import { can, homePath, type Permission } from '../access';

/** The 403 page, in its own chunk (the route's Suspense boundary shows a skeleton meanwhile). */
const ForbiddenPage = lazy(() => import('./ForbiddenPage'));

/** The page where a user sets up their second factor. */
export const SECURITY_PATH = '/security';

/** Not logged in → /login, remembering where the user wanted to go. Head office without TOTP
 * (where the API says it is required) → /security, whatever they open, until it is on. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (session.mfaRequired && location.pathname !== SECURITY_PATH) return <Navigate to={SECURITY_PATH} replace />;
  return <>{children}</>;
}

/** A page only users with this permission may open. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useMe();
  if (can(me, permission)) return <>{children}</>;
  return <ForbiddenPage />;
}

export function HomeRedirect() {
  const me = useMe();
  return <Navigate to={homePath(me)} replace />;
}
