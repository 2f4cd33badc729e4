import { useState } from 'react';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { FilePdfOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client';
import { isUploadContentType } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { isStaleVersion, useShowError } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';
import { contentTypeOf } from '../../evidence/lib/downscale';
import { FreshLink, FreshThumb } from '../../evidence/components/FreshFile';
import { uploadRefusal } from '../../evidence/lib/refusal';
import { useUploadScan } from '../queries';
import type { CertificateView } from '../types';

const THUMB = 40;

interface Props {
  username: string;
  cert: CertificateView;
  /** A manager of the holder's outlet or head office: may upload (not to a revoked one). */
  canWrite: boolean;
  /** Reads the file again and answers the certificate's fresh link (a link lives minutes). */
  freshUrl: () => Promise<string | null>;
  onStale: () => void;
}

/**
 * 扫描件: whether the certificate's scan is attached, a link to it (a photo's thumbnail opens
 * full size), and for a manager 上传扫描件 / 更换扫描件 (a PDF or a photo; busy while it goes; a
 * refusal says why, in the reader's language from the server).
 */
export function CertificateScan({ username, cert, canWrite, freshUrl, onStale }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const upload = useUploadScan(username);
  const [refusal, setRefusal] = useState<string | null>(null);
  const scan = cert.scan;
  const mayUpload = canWrite && cert.status !== 'revoked';
  const action = upload.isPending ? t('tech.scan.uploading') : scan ? t('tech.scan.replace') : t('tech.scan.upload');

  const send = async (file: File) => {
    setRefusal(null);
    const type = contentTypeOf(file);
    if (!isUploadContentType(type)) {
      setRefusal(t('tech.scan.badType', { name: file.name }));
      return;
    }
    try {
      await upload.mutateAsync({ cert, file, type });
      void message.success(t('tech.scan.done'));
    } catch (err) {
      const reason = uploadRefusal(err, t);
      if (isStaleVersion(err)) void message.warning(t('tech.stale'));
      else if (reason) setRefusal(t('tech.scan.rejected', { reason }));
      else showError(err);
      // any conflict (a stale version, the certificate revoked meanwhile…): the row is read again
      if (err instanceof ApiError && err.status === 409) onStale();
    }
  };

  return (
    <Flex vertical gap={4} data-testid="cert-scan" data-attached={scan ? 'yes' : 'no'}>
      {scan ? (
        <Flex gap={8} align="center" wrap>
          {scan.thumb_url && scan.url ? (
            <FreshThumb thumb={scan.thumb_url} full={scan.url} size={THUMB} alt={t('tech.scan.of', { name: cert.type_name })} renew={freshUrl} testId="cert-scan-thumb" />
          ) : null}
          <span>
            <Typography.Text type="success" data-testid="cert-scan-attached">
              {scan.content_type === 'application/pdf' ? <FilePdfOutlined /> : <PaperClipOutlined />} {t('tech.scan.attached')}
            </Typography.Text>{' '}
            {scan.url ? (
              <FreshLink
                href={scan.url}
                fresh={freshUrl}
                aria-label={t('tech.scan.forCert', { action: t('tech.scan.view'), name: t('tech.scan.of', { name: cert.type_name }) })}
                data-testid="cert-scan-link"
                title={scan.filename ?? undefined}
              >
                {t('tech.scan.view')}
              </FreshLink>
            ) : null}
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tech.scan.by', { name: scan.by_name ?? scan.by, at: formatTime(scan.uploaded_at) })}
            </Typography.Text>
          </span>
        </Flex>
      ) : (
        <Typography.Text type="secondary" data-testid="cert-scan-none">
          {t('tech.scan.none')}
        </Typography.Text>
      )}
      {mayUpload && (
        <Upload
          accept="application/pdf,.pdf,image/*"
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file) => {
            void send(file);
            return false; // sent by the form the server gives, not by antd
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} aria-label={t('tech.scan.forCert', { action, name: cert.type_name })} data-testid="cert-scan-upload">
            {action}
          </Button>
        </Upload>
      )}
      {refusal && (
        <Typography.Text type="danger" style={{ wordBreak: 'break-word' }} data-testid="cert-scan-error">
          {refusal}
        </Typography.Text>
      )}
    </Flex>
  );
}
