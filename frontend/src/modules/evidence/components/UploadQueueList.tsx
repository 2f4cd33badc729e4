import { App, Button, type ButtonProps, Flex, List, Progress, Tag, Typography } from 'antd';
import { DeleteOutlined, ReloadOutlined } from '@ant-design/icons';
import { formatBytes } from '../lib/format';
import { uploadQueue, type QueueItem, type QueueState } from '../lib/queue';
import { useI18n, type MessageKey } from '../../../i18n';

const STATE_COLORS: Record<QueueState, string> = { waiting: 'default', uploading: 'processing', failed: 'error', done: 'success' };

/** This order's files still on their way (waiting, uploading or failed), with progress and actions. */
export function UploadQueueList({ items }: { items: QueueItem[] }) {
  const { t, te } = useI18n();
  const { modal } = App.useApp();
  if (items.length === 0) return null;

  const remove = (item: QueueItem) => {
    if (item.state === 'done') return void uploadQueue.remove(item.id);
    modal.confirm({
      title: t('queue.removeConfirm'),
      okText: t('queue.remove'),
      okButtonProps: { danger: true, 'data-testid': 'queue-remove-ok' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () => uploadQueue.remove(item.id),
    });
  };

  const errorText = (item: QueueItem) =>
    item.lastError ?? (item.errorKind ? t(`queue.error.${item.errorKind}` as MessageKey) : null);

  return (
    <List
      size="small"
      bordered
      style={{ marginBottom: 12 }}
      data-testid="evidence-queue"
      header={<Typography.Text strong>{t('queue.title', { count: items.length })}</Typography.Text>}
      dataSource={items}
      renderItem={(item) => (
        <List.Item key={item.id} data-testid="queue-item" data-state={item.state} data-id={item.id} style={{ display: 'block' }}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <div style={{ minWidth: 0, flex: '1 1 160px' }}>
              <Typography.Text ellipsis style={{ maxWidth: '100%', display: 'block' }}>
                {item.filename}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {te('category', item.category)} · {formatBytes(item.size)}
              </Typography.Text>
            </div>
            <Tag color={STATE_COLORS[item.state]} data-testid="queue-item-state" style={{ marginInlineEnd: 0 }}>
              {t(`queue.state.${item.state}` as MessageKey)}
            </Tag>
            <Flex gap={4}>
              {item.state !== 'uploading' && item.state !== 'done' && (
                <Button size="middle" icon={<ReloadOutlined />} onClick={() => uploadQueue.retryNow(item.id)} data-testid="queue-retry" aria-label={t('queue.retry')}>
                  {t('queue.retry')}
                </Button>
              )}
              <Button size="middle" danger icon={<DeleteOutlined />} onClick={() => remove(item)} data-testid="queue-remove" aria-label={t('queue.remove')} />
            </Flex>
          </Flex>
          <Progress
            percent={Math.round(item.progress * 100)}
            size="small"
            status={item.state === 'failed' ? 'exception' : item.state === 'uploading' ? 'active' : 'normal'}
            data-testid="queue-item-progress"
          />
          {item.state !== 'uploading' && errorText(item) && (
            <Typography.Text type={item.state === 'failed' ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-testid="queue-item-error">
              {errorText(item)}
              {item.state === 'waiting' && item.attempts > 0 ? ` ${t('queue.autoRetry', { n: item.attempts })}` : ''}
            </Typography.Text>
          )}
        </List.Item>
      )}
    />
  );
}
