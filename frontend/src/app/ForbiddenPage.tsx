import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../api/session';
import { homePath } from '../access';
import { useT } from '../i18n';

/** A page the user may not open (403), in its own chunk: antd's Result (with its pictures) is
 * not part of the first load. */
export default function ForbiddenPage() {
  const me = useMe();
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('forbidden.title')}
      extra={
        <Button type="primary" onClick={() => navigate(homePath(me))}>
          {t('common.home')}
        </Button>
      }
    />
  );
}
