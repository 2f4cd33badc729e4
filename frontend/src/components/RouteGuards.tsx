import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Button, Result } from 'antd';
import type { Role } from '../api/types';
import { useMe, useSession } from '../api/session';
import { homePath } from '../access';
import { useT } from '../i18n';

/** Not logged in → /login, remembering where the user wanted to go. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

/** A page only some roles may open. */
export function RequireRole({ allow, children }: { allow: (role: Role) => boolean; children: ReactNode }) {
  const me = useMe();
  const t = useT();
  const navigate = useNavigate();
  if (allow(me.role)) return <>{children}</>;
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('forbidden.title')}
      extra={
        <Button type="primary" onClick={() => navigate(homePath(me.role))}>
          {t('common.home')}
        </Button>
      }
    />
  );
}

export function HomeRedirect() {
  const me = useMe();
  return <Navigate to={homePath(me.role)} replace />;
}
