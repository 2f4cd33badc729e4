import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Typography } from 'antd';
import { CameraOutlined, CheckCircleFilled, PictureOutlined } from '@ant-design/icons';
import type { Attachment, WorkOrderDetail } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { useShowError } from '../../../../utils/errors';
import { FreshThumb } from '../../../evidence/components/FreshFile';
import { UploadQueueList } from '../../../evidence/components/UploadQueueList';
import { formatBytes } from '../../../evidence/lib/format';
import { uploadQueue, useUploadQueue } from '../../../evidence/lib/queue';
import { queueFiles } from '../../../evidence/lib/queueFiles';
import { useFreshAttachments } from '../../../evidence/queries';
import { refetchWorkOrder } from '../../../orders/queries';

const THUMB = 72;
// not the `hidden` attribute: antd's form shows every file input (display: block)
const HIDDEN = { display: 'none' } as const;
const NO_ATTACHMENTS: Attachment[] = [];
// the order's fault photos: confirmed ones, and ones just up and being checked (no thumbnail yet)
const isPhoto = (a: Attachment) => a.kind === 'photo' && a.category === 'fault' && a.status !== 'rejected';

interface Props {
  order: WorkOrderDetail;
  /** The checklist item's place: photos saved on the checklist's other items are not offered. */
  area: number;
  index: number;
  /** The photo as saved on the item (its URL), shown while it is the one chosen. */
  saved?: { id: string; url: string | null } | null;
  /** Form.Item's: the attachment id of the photo chosen. */
  value?: string;
  onChange?: (id: string | undefined) => void;
  testId: string;
}

/**
 * The photo of a fault: taken with the phone's camera (or from the album) through the order's
 * upload queue (the evidence panel's: kept in the browser until it is up, category 故障), and
 * chosen once the server confirmed it; or one of the order's fault photos already up, tapped.
 */
export function FaultPhoto({ order, area, index, saved, value, onChange, testId }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const client = useQueryClient();
  const cameraRef = useRef<HTMLInputElement>(null);
  const albumRef = useRef<HTMLInputElement>(null);
  const [preparing, setPreparing] = useState(false);
  // the queue items this field sent, and the photos they became (before the order is read again)
  const [sent, setSent] = useState<string[]>([]);
  const [arrived, setArrived] = useState<Attachment[]>([]);
  const attachments = useFreshAttachments(order.id, order.attachments ?? NO_ATTACHMENTS);
  const queue = useUploadQueue();
  const mine = useMemo(() => queue.filter((item) => sent.includes(item.id) && item.state !== 'done'), [queue, sent]);

  const pick = useRef(onChange);
  pick.current = onChange;
  const waiting = useRef(sent);
  waiting.current = sent;
  // the queue id of the newest capture: only its upload is chosen when it is up (an older one
  // retried, or finishing after a photo was picked by hand, does not replace the choice)
  const latest = useRef<string | null>(null);
  useEffect(() => {
    void uploadQueue.start();
    return uploadQueue.onDone((orderId, attachment, queueId) => {
      if (orderId !== order.id || !waiting.current.includes(queueId)) return;
      setArrived((before) => [...before, attachment]);
      if (queueId !== latest.current) return;
      latest.current = null;
      pick.current?.(attachment.id); // the photo just taken is the fault's
    });
  }, [order.id]);
  const pickByHand = (id: string) => {
    latest.current = null;
    onChange?.(id);
  };

  // photos saved on the checklist's other items (one photo, one fault)
  const usedElsewhere = useMemo(() => {
    const used = new Set<string>();
    order.checklist?.areas.forEach((block, a) =>
      block.items.forEach((entry, i) => {
        if ((a !== area || i !== index) && entry.photo?.id) used.add(entry.photo.id);
      }),
    );
    return used;
  }, [order.checklist, area, index]);

  const photos = useMemo(() => {
    // the order's copy before the one the upload brought: verified, and its links renewed with
    // the order (a lapsed link of a photo taken here is then replaced, not kept)
    const byId = new Map<string, Attachment>();
    [...attachments, ...arrived].filter(isPhoto).forEach((a) => {
      if (!byId.has(a.id)) byId.set(a.id, a);
    });
    return [...byId.values()].filter((a) => !usedElsewhere.has(a.id));
  }, [attachments, arrived, usedElsewhere]);

  const evidence = order.evidence;
  const canUpload = Boolean(evidence?.can_upload);
  const onFiles = async (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])].slice(0, 1);
    input.value = '';
    if (files.length === 0) return;
    setPreparing(true);
    try {
      const maxBytes = evidence?.max_bytes ?? 0;
      const queued = await queueFiles(
        files,
        { orderId: order.id, category: 'fault', kinds: evidence?.upload_kinds ?? [], maxBytes, photosOnly: true },
        (reason, name) => void message.error(reason === 'tooLarge' ? t('evidence.tooLarge', { name, max: formatBytes(maxBytes) }) : t(`evidence.${reason}`, { name })),
      );
      if (queued.length > 0) {
        latest.current = queued[queued.length - 1].id;
        setSent((before) => [...before, ...queued.map((q) => q.id)]);
      }
    } catch (err) {
      showError(err);
    } finally {
      setPreparing(false);
    }
  };

  const chosenUrl = (id: string | undefined) => {
    if (!id) return null;
    const found = photos.find((a) => a.id === id);
    if (found) return found.thumb_url ?? found.url;
    return saved?.id === id ? saved.url : null;
  };
  const shown = chosenUrl(value);

  return (
    <div data-testid={testId} data-photo={value ?? ''}>
      {value && (
        <Flex align="center" gap={8} style={{ marginBottom: 8 }} data-testid={`${testId}-chosen`}>
          {shown ? (
            // a stored photo's link (the order's or the upload's): a lapsed one is renewed by
            // reading the order anew, which brings the item's and the attachments' links
            <FreshThumb thumb={shown} size={THUMB} alt={t('inspections.faultPhoto')} renew={() => refetchWorkOrder(client, order.id)} />
          ) : null}
          <Typography.Text type="success">
            <CheckCircleFilled /> {t('inspections.photoChosen')}
          </Typography.Text>
        </Flex>
      )}
      {canUpload && (
        <Flex wrap gap={8}>
          <Button icon={<CameraOutlined />} loading={preparing} onClick={() => cameraRef.current?.click()} data-testid={`${testId}-take`} style={{ minHeight: 44 }}>
            {value ? t('inspections.photoRetake') : t('inspections.photoTake')}
          </Button>
          <Button icon={<PictureOutlined />} disabled={preparing} onClick={() => albumRef.current?.click()} data-testid={`${testId}-album`} style={{ minHeight: 44 }}>
            {t('evidence.fromAlbum')}
          </Button>
          <input ref={cameraRef} type="file" accept="image/*" capture="environment" style={HIDDEN} data-testid={`${testId}-file`} onChange={(e) => void onFiles(e.currentTarget)} />
          <input ref={albumRef} type="file" accept="image/*" style={HIDDEN} data-testid={`${testId}-file-album`} onChange={(e) => void onFiles(e.currentTarget)} />
        </Flex>
      )}
      {mine.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <UploadQueueList items={mine} />
        </div>
      )}
      {photos.filter((a) => a.id !== value).length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('inspections.photoPick')}
          </Typography.Text>
          <Flex wrap gap={6} style={{ marginTop: 4 }}>
            {photos
              .filter((a) => a.id !== value)
              .map((a) => (
                <button
                  key={a.id}
                  type="button"
                  onClick={() => pickByHand(a.id)}
                  data-testid={`${testId}-option`}
                  data-id={a.id}
                  aria-label={t('inspections.photoUse', { name: a.filename ?? a.id })}
                  style={{ padding: 0, border: '1px solid #d9d9d9', borderRadius: 4, background: '#fafafa', cursor: 'pointer', width: THUMB, height: THUMB }}
                >
                  {a.thumb_url || a.url ? (
                    <img src={a.thumb_url ?? a.url ?? undefined} alt="" width={THUMB - 2} height={THUMB - 2} style={{ objectFit: 'cover', borderRadius: 4, display: 'block' }} />
                  ) : (
                    // just up, its thumbnail not made yet
                    <Flex vertical align="center" justify="center" style={{ height: '100%', fontSize: 11, color: '#8c8c8c' }} data-testid={`${testId}-option-pending`}>
                      <PictureOutlined style={{ fontSize: 20 }} />
                      {t('inspections.photoPending')}
                    </Flex>
                  )}
                </button>
              ))}
          </Flex>
        </div>
      )}
    </div>
  );
}
