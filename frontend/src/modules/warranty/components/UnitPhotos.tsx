import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Image, Tag, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { request } from '../../../api/client';
import { freshWhileLinksLast } from '../../../api/refresh';
import type { components } from '../../../api/schema';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';
import { contentTypeOf } from '../../evidence/lib/downscale';
import { uploadRefusal } from '../../evidence/lib/refusal';
import { FreshPreviewGroup } from '../../evidence/components/FreshPreviewGroup';
import { uploadThrough } from '../../evidence/lib/upload';
import { warrantyKeys } from '../queries';

export type UnitPhoto = components['schemas']['UnitPhoto'];
type UnitPhotoSlot = components['schemas']['UnitPhotoSlot'];
type PhotoCategory = UnitPhoto['category'];
type PhotoType = UnitPhoto['content_type'];

/** What a unit's photos show (seed 001 第二章第11条: 安装后上传照片、位置、扫码); names from the vocabulary. */
const CATEGORIES: PhotoCategory[] = ['nameplate', 'installation', 'site', 'barcode'];
const TYPES: PhotoType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'];
const isPhotoType = (type: string): type is PhotoType => (TYPES as string[]).includes(type);
const THUMB = 96;

const enc = encodeURIComponent;
const base = (customerId: string, unitId: string) => `/api/customers/${enc(customerId)}/units/${enc(unitId)}/photos`;
const photoKeys = (customerId: string, unitId: string) => ['warranty', 'units', 'photos', customerId, unitId] as const;

const photoUrls = (photos: readonly UnitPhoto[]) => photos.flatMap((p) => [p.url, p.thumb_url]);

const listPhotos = (customerId: string, unitId: string) => request<{ items: UnitPhoto[] }>(base(customerId, unitId)).then((r) => r.items);

/** Presigned POST straight to S3, then the server's check of the bytes (the evidence area's). */
const uploadPhoto = (customerId: string, unitId: string, category: PhotoCategory, file: File): Promise<UnitPhoto> =>
  uploadThrough(
    file,
    (prepared) =>
      request<UnitPhotoSlot>(base(customerId, unitId), {
        method: 'POST',
        body: {
          category,
          content_type: isPhotoType(prepared.contentType) ? prepared.contentType : (contentTypeOf(file) as PhotoType),
          size: prepared.blob.size,
          filename: prepared.filename,
        },
      }),
    ({ photo }) => request<UnitPhoto>(`${base(customerId, unitId)}/${enc(photo.id)}/confirm`, { method: 'POST' }),
  );

interface Props {
  customerId: string;
  unitId: string;
  /** The photos the unit page already read (its one query); listed again when about to be used
   * after their links lapsed (the card shown, the tab shown again, the viewer opening). */
  photos?: UnitPhoto[];
}

/**
 * 产品照片: the unit's verified photos (nameplate, installation, site, barcode) as thumbnails
 * with their category, opening full size in antd's viewer; the agent or manager of the unit's
 * outlet uploads one per category button (phone camera or file). A refused upload shows the
 * server's reason in the reader's language.
 */
export function UnitPhotos({ customerId, unitId, photos }: Props) {
  const { t, tk } = useI18n();
  const can = useCan();
  const client = useQueryClient();
  const showError = useShowError();
  const input = useRef<HTMLInputElement>(null);
  const [category, setCategory] = useState<PhotoCategory>('nameplate');
  const [busy, setBusy] = useState<PhotoCategory | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const mayUpload = can('warranty.unit_photos.upload');
  const { data = [], refetch } = useQuery({
    queryKey: photoKeys(customerId, unitId),
    queryFn: () => listPhotos(customerId, unitId),
    initialData: photos,
    // the page's copy is fresh; the list is read again only to renew lapsed links (no timer)
    ...freshWhileLinksLast(photoUrls, photos ? Infinity : 0),
    meta: { silent: true },
  });
  const label = (c: string) => tk(`unit_photo.${c}`, c);

  const pick = (c: PhotoCategory) => {
    setCategory(c);
    input.current?.click();
  };

  const onFile = async (element: HTMLInputElement) => {
    const file = element.files?.[0];
    element.value = ''; // the same file can be picked again
    if (!file) return;
    setRefusal(null);
    if (!isPhotoType(contentTypeOf(file))) {
      setRefusal(t('unitPhotos.badType', { name: file.name }));
      return;
    }
    setBusy(category);
    try {
      const added = await uploadPhoto(customerId, unitId, category, file);
      client.setQueryData<UnitPhoto[]>(photoKeys(customerId, unitId), (list) => [added, ...(list ?? []).filter((p) => p.id !== added.id)]);
      void client.invalidateQueries({ queryKey: warrantyKeys.unit(customerId, unitId) }); // its audit trail
    } catch (err) {
      const reason = uploadRefusal(err, t);
      if (reason) setRefusal(t('unitPhotos.rejected', { reason }));
      else showError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t('unitPhotos.title')} style={{ marginBottom: 16 }} data-testid="unit-photos">
      {mayUpload && (
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          {CATEGORIES.map((c) => (
            <Button key={c} icon={<CameraOutlined />} loading={busy === c} disabled={busy !== null && busy !== c} onClick={() => pick(c)} data-testid={`unit-photo-add-${c}`}>
              {label(c)}
            </Button>
          ))}
          <input ref={input} type="file" accept="image/*" hidden data-testid="unit-photo-file" onChange={(e) => void onFile(e.currentTarget)} />
        </Flex>
      )}
      {refusal && <Alert type="error" showIcon closable onClose={() => setRefusal(null)} message={refusal} style={{ marginBottom: 12 }} data-testid="unit-photo-error" />}
      {data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('unitPhotos.empty')} />
      ) : (
        <FreshPreviewGroup urls={photoUrls(data)} renew={refetch}>
          <Flex wrap gap={8}>
            {data.map((p) => (
              <figure key={p.id} style={{ margin: 0, width: THUMB + 8, maxWidth: '100%' }} data-testid="unit-photo" data-category={p.category} data-id={p.id}>
                {p.url ? (
                  <Image
                    src={p.thumb_url ?? p.url}
                    preview={{ src: p.url }}
                    width={THUMB}
                    height={THUMB}
                    style={{ objectFit: 'cover', borderRadius: 4, background: '#fafafa' }}
                    alt={`${label(p.category)} · ${p.filename ?? p.id}`}
                  />
                ) : null}
                <figcaption style={{ fontSize: 12, lineHeight: 1.4, marginTop: 2, wordBreak: 'break-word' }}>
                  <Tag style={{ marginInlineEnd: 0 }}>{label(p.category)}</Tag>
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(p.uploaded_at)}
                  </Typography.Text>
                </figcaption>
              </figure>
            ))}
          </Flex>
        </FreshPreviewGroup>
      )}
    </Card>
  );
}
