import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Tooltip } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { getSession } from '../../../api/session';
import { uploadQueue, useUploadQueue } from '../lib/queue';
import { useI18n } from '../../../i18n';
import { useIsMobile } from '../../../utils/useIsMobile';

/**
 * Starts the tab's upload queue (files left from an earlier visit go up at once) and shows how
 * many files are still to upload; a click opens the order of the oldest one.
 */
export function UploadQueueBadge() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const items = useUploadQueue();

  useEffect(() => {
    void uploadQueue.start();
  }, []);

  const user = getSession()?.user.username;
  const pending = items.filter((item) => item.owner === user && item.state !== 'done');
  if (pending.length === 0) return null;
  const failed = pending.some((item) => item.state === 'failed');
  const label = t('queue.badge', { count: pending.length });
  return (
    <Tooltip title={isMobile ? label : undefined}>
      <Button
        type="text"
        size="small"
        danger={failed}
        icon={<CloudUploadOutlined />}
        data-testid="upload-queue-badge"
        data-count={pending.length}
        aria-label={label}
        onClick={() => navigate(`/work-orders/${encodeURIComponent(pending[0].orderId)}`)}
      >
        {isMobile ? pending.length : label}
      </Button>
    </Tooltip>
  );
}
