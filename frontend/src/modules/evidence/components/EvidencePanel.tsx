import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Select, Space, Tag, Typography } from 'antd';
import { CameraOutlined, PictureOutlined } from '@ant-design/icons';
import { PHOTO_CATEGORIES, type Attachment, type PhotoCategory, type WorkOrderDetail } from '../../../api/types';
import { formatBytes } from '../lib/format';
import { queueFiles } from '../lib/queueFiles';
import { uploadQueue, useUploadQueue } from '../lib/queue';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../../utils/errors';
import { EvidenceGallery } from './EvidenceGallery';
import { UploadQueueList } from './UploadQueueList';
import { useFreshAttachments } from '../queries';

interface Props {
  order: WorkOrderDetail;
  /** A file of this order was confirmed: load the order again (counts, allowed actions). */
  onChanged: () => void;
}

const NO_ATTACHMENTS: Attachment[] = [];

/** Site photos and documents: what is required, the upload control, the queue and the gallery. */
export function EvidencePanel({ order, onChanged }: Props) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const evidence = order.evidence;
  const [category, setCategory] = useState<PhotoCategory>('site');
  const [preparing, setPreparing] = useState(false);
  const attachments = useFreshAttachments(order.id, order.attachments ?? NO_ATTACHMENTS);
  const cameraRef = useRef<HTMLInputElement>(null);
  const albumRef = useRef<HTMLInputElement>(null);
  const queue = useUploadQueue();
  const mine = useMemo(() => queue.filter((item) => item.orderId === order.id && item.state !== 'done'), [queue, order.id]);

  useEffect(() => {
    void uploadQueue.start();
  }, []);

  // Reload the order once a burst of this order's uploads is through.
  const changed = useRef(onChanged);
  changed.current = onChanged;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = uploadQueue.onDone((orderId) => {
      if (orderId !== order.id) return;
      clearTimeout(timer);
      timer = setTimeout(() => changed.current(), 400);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [order.id]);

  if (!evidence && attachments.length === 0 && mine.length === 0) return null;

  const canUpload = Boolean(evidence?.can_upload);
  const kinds = evidence?.upload_kinds ?? [];
  const maxBytes = evidence?.max_bytes ?? 0;

  const onFiles = async (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = ''; // the same file can be picked again
    if (files.length === 0) return;
    setPreparing(true);
    try {
      const queued = await queueFiles(files, { orderId: order.id, category, kinds, maxBytes }, (reason, name) => {
        void message.error(reason === 'tooLarge' ? t('evidence.tooLarge', { name, max: formatBytes(maxBytes) }) : t(`evidence.${reason}`, { name }));
      });
      if (queued.length > 0) void message.success(t('evidence.queued', { count: queued.length }));
    } catch (err) {
      showError(err);
    } finally {
      setPreparing(false);
    }
  };

  const required = evidence?.required ?? [];
  const missing = evidence?.missing ?? [];

  return (
    <Card size="small" title={t('evidence.title')} style={{ marginBottom: 16 }} data-testid="evidence-panel">
      {required.length > 0 && (
        <Flex wrap gap={6} align="center" style={{ marginBottom: 8 }} data-testid="evidence-required">
          <Typography.Text type="secondary">{t('evidence.required')}</Typography.Text>
          {required.map((r) => (
            <Tag
              key={r.category}
              color={r.have >= r.min ? 'success' : 'error'}
              data-testid={`evidence-required-${r.category}`}
              data-ok={r.have >= r.min ? 'true' : 'false'}
              style={{ marginInlineEnd: 0 }}
            >
              {te('category', r.category)} {r.have}/{r.min}
            </Tag>
          ))}
        </Flex>
      )}
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="evidence-missing"
          message={t('evidence.missing', { list: missing.map((c) => te('category', c)).join('、') })}
        />
      )}
      {evidence?.signature_required && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="evidence-signature-required">
          {t('evidence.signatureRequired')}
        </Typography.Paragraph>
      )}

      {canUpload && (
        <div style={{ marginBottom: 12 }} data-testid="evidence-upload">
          <Space wrap size={8} style={{ width: '100%' }}>
            <Select<PhotoCategory>
              value={category}
              onChange={setCategory}
              style={{ minWidth: 140 }}
              data-testid="evidence-category"
              aria-label={t('evidence.category')}
              options={PHOTO_CATEGORIES.map((c) => ({ value: c, label: te('category', c) }))}
            />
            <Button type="primary" icon={<CameraOutlined />} loading={preparing} onClick={() => cameraRef.current?.click()} data-testid="evidence-take-photo">
              {t('evidence.takePhoto')}
            </Button>
            <Button icon={<PictureOutlined />} disabled={preparing} onClick={() => albumRef.current?.click()} data-testid="evidence-choose">
              {t('evidence.fromAlbum')}
            </Button>
          </Space>
          <input
            ref={cameraRef}
            type="file"
            accept="image/*,application/pdf"
            capture="environment"
            multiple
            hidden
            data-testid="evidence-file"
            onChange={(e) => void onFiles(e.currentTarget)}
          />
          <input ref={albumRef} type="file" accept="image/*,application/pdf" multiple hidden data-testid="evidence-file-album" onChange={(e) => void onFiles(e.currentTarget)} />
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 12 }}>
            {t('evidence.hint')}
          </Typography.Paragraph>
        </div>
      )}

      <UploadQueueList items={mine} />
      <EvidenceGallery orderId={order.id} attachments={attachments} />
    </Card>
  );
}
