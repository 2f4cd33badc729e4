import { Button } from 'antd';
import { useT } from '../i18n';

interface Props {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** Cursor pagination: the API gives a next cursor, not page numbers. */
export function LoadMore({ hasMore, loading, onLoadMore }: Props) {
  const t = useT();
  if (!hasMore) return null;
  return (
    <div style={{ textAlign: 'center', margin: '16px 0' }}>
      <Button data-testid="load-more" loading={loading} onClick={onLoadMore}>
        {t('common.loadMore')}
      </Button>
    </div>
  );
}
