import { Button } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useIsMobile } from '../utils/useIsMobile';

interface Props {
  label: string;
  loading: boolean;
  onClick: () => void;
  testId: string;
}

/** Loads the page's data again; on a phone only the icon shows (the label stays as aria-label). */
export function RefreshButton({ label, loading, onClick, testId }: Props) {
  const isMobile = useIsMobile();
  return (
    <Button icon={<ReloadOutlined />} loading={loading} onClick={onClick} data-testid={testId} aria-label={label}>
      {isMobile ? null : label}
    </Button>
  );
}
