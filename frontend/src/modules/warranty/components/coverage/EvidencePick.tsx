import { useRef, useState } from 'react';
import { Button, Flex, Select } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { isUploadContentType, type Attachment } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { useShowError } from '../../../../utils/errors';
import { formatTime } from '../../../../utils/time';
import { uploadNow } from '../../../evidence/lib/direct';
import { contentTypeOf, prepareForUpload } from '../../../evidence/lib/downscale';

interface Props {
  orderId: string;
  /** The order's verified files. */
  attachments: Attachment[];
  value?: string;
  onChange?: (id: string | undefined) => void;
}

/**
 * Evidence for a decision (an exclusion): a photo or document already on the order, or one
 * uploaded now (online, like the signature: the action needs its id), through the evidence area's
 * upload path (downscaled, checked by the server).
 */
export function EvidencePick({ orderId, attachments, value, onChange }: Props) {
  const { t, te } = useI18n();
  const showError = useShowError();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [added, setAdded] = useState<Attachment[]>([]);
  const files = [...added, ...attachments.filter((a) => a.kind !== 'signature' && a.status === 'verified' && !added.some((b) => b.id === a.id))];

  const onFile = async (element: HTMLInputElement) => {
    const file = element.files?.[0];
    element.value = '';
    if (!file) return;
    setUploading(true);
    try {
      const type = contentTypeOf(file);
      if (!isUploadContentType(type)) throw new Error(t('evidence.badType', { name: file.name }));
      const isPdf = type === 'application/pdf';
      const prepared = await prepareForUpload(file);
      const attachment = await uploadNow({
        orderId,
        kind: isPdf ? 'document' : 'photo',
        category: isPdf ? 'document' : 'fault',
        blob: prepared.blob,
        contentType: isUploadContentType(prepared.contentType) ? prepared.contentType : type,
        filename: prepared.filename,
      });
      setAdded((list) => [attachment, ...list]);
      onChange?.(attachment.id);
    } catch (err) {
      showError(err);
    } finally {
      setUploading(false);
    }
  };

  return (
    <Flex gap={8} wrap>
      <Select
        style={{ flex: '1 1 200px', minWidth: 0 }}
        value={value}
        onChange={onChange}
        allowClear
        data-testid="exclusion-evidence"
        placeholder={t('coverageCard.evidencePick')}
        options={files.map((a) => ({
          value: a.id,
          label: `${te('category', a.category)} · ${a.filename ?? a.id} · ${formatTime(a.uploaded_at)}`,
        }))}
      />
      <Button icon={<PaperClipOutlined />} loading={uploading} onClick={() => input.current?.click()} data-testid="exclusion-upload">
        {t('coverageCard.evidenceUpload')}
      </Button>
      <input ref={input} type="file" accept="image/*,application/pdf" hidden data-testid="exclusion-file" onChange={(e) => void onFile(e.currentTarget)} />
    </Flex>
  );
}
