import { Empty, Flex, Image, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { getAttachment } from '../../../api/client';
import { ATTACHMENT_CATEGORIES, type Attachment } from '../../../api/types';
import { openFresh } from '../lib/format';
import { attachmentUrls, useRenewAttachments } from '../queries';
import { FreshPreviewGroup } from './FreshPreviewGroup';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';

interface Props {
  orderId: string;
  attachments: Attachment[];
}

const THUMB = 96;
const isImage = (a: Attachment) => a.content_type.startsWith('image/') && a.content_type !== 'image/heic';
/** A signature is wide (the pad's 600×240): a wider box, the whole ink shown, never cropped. */
const isSignature = (a: Attachment) => a.kind === 'signature';
const thumbWidth = (a: Attachment) => (isSignature(a) ? THUMB * 2 : THUMB);
/** Whom a file is credited to: a signature to the customer who signed it (the technician only
 * held the device), anything else to whoever uploaded it. */
const creditOf = (a: Attachment) => (isSignature(a) ? a.signed_by : a.uploaded_by_name || a.uploaded_by);

/** The verified files, grouped by category; images open in antd's viewer (their links renewed
 * first when they lapsed), files in a new tab (always with a link read at the click). */
export function EvidenceGallery({ orderId, attachments }: Props) {
  const { t, te } = useI18n();
  const showError = useShowError();
  const renew = useRenewAttachments(orderId);
  if (attachments.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evidence.empty')} data-testid="evidence-gallery" />;
  }
  const known = new Set<string>(ATTACHMENT_CATEGORIES);
  const categories = [...ATTACHMENT_CATEGORIES, ...new Set(attachments.map((a) => a.category).filter((c) => !known.has(c)))];
  const groups = categories.map((category) => ({ category, items: attachments.filter((a) => a.category === category) })).filter((g) => g.items.length > 0);

  const openFile = (a: Attachment) =>
    openFresh(async () => (await getAttachment(orderId, a.id)).url).catch(showError);

  return (
    <div data-testid="evidence-gallery">
      <FreshPreviewGroup urls={attachmentUrls(attachments)} renew={renew}>
        {groups.map(({ category, items }) => (
          <div key={category} style={{ marginBottom: 12 }} data-testid={`evidence-group-${category}`}>
            <Typography.Text strong>
              {te('category', category)}（{items.length}）
            </Typography.Text>
            <Flex wrap gap={8} style={{ marginTop: 6 }}>
              {items.map((a) => (
                <figure key={a.id} style={{ margin: 0, width: thumbWidth(a) + 36, maxWidth: '100%' }} data-testid="evidence-thumb" data-category={a.category} data-id={a.id}>
                  {isImage(a) && a.url ? (
                    <Image
                      src={a.thumb_url ?? a.url}
                      preview={{ src: a.url }}
                      width={thumbWidth(a)}
                      height={THUMB}
                      style={{ objectFit: isSignature(a) ? 'contain' : 'cover', borderRadius: 4, background: isSignature(a) ? '#fff' : '#fafafa', border: isSignature(a) ? '1px solid #f0f0f0' : undefined }}
                      alt={isSignature(a) && a.signed_by ? `${te('category', a.category)} · ${a.signed_by}` : (a.filename ?? te('category', a.category))}
                    />
                  ) : (
                    <a
                      href={a.url ?? '#'}
                      target="_blank"
                      rel="noreferrer"
                      onClick={(e) => {
                        e.preventDefault();
                        void openFile(a);
                      }}
                      data-testid="evidence-file-link"
                      style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', width: THUMB, height: THUMB, border: '1px solid #f0f0f0', borderRadius: 4 }}
                    >
                      <FilePdfOutlined style={{ fontSize: 32 }} />
                      <Typography.Text ellipsis style={{ maxWidth: THUMB - 8, fontSize: 12 }}>
                        {a.filename ?? t('evidence.openFile')}
                      </Typography.Text>
                    </a>
                  )}
                  <figcaption style={{ fontSize: 12, lineHeight: 1.4, marginTop: 2, wordBreak: 'break-word' }}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {te('category', a.category)}
                      {creditOf(a) && <span data-testid="evidence-credit"> · {creditOf(a)}</span>}
                      <br />
                      {a.taken_at ? t('evidence.takenAt', { time: formatTime(a.taken_at) }) : t('evidence.uploadedAt', { time: formatTime(a.uploaded_at) })}
                      {a.gps && (
                        <>
                          <br />
                          <span data-testid="evidence-gps">{t('evidence.gps', { lat: a.gps.lat.toFixed(5), lng: a.gps.lng.toFixed(5) })}</span>
                        </>
                      )}
                    </Typography.Text>
                  </figcaption>
                </figure>
              ))}
            </Flex>
          </div>
        ))}
      </FreshPreviewGroup>
    </div>
  );
}
