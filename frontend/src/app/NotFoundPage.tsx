import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n';

export default function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <div data-testid="not-found">
      <Result
        status="404"
        title="404"
        subTitle={t('notFound.title')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('common.home')}
          </Button>
        }
      />
    </div>
  );
}
