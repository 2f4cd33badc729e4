import { useState } from 'react';
import { App, Button, Flex, Tooltip, Typography, Upload } from 'antd';
import { CameraOutlined, CloseOutlined, FilePdfOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../../../i18n';
import { useShowError } from '../../../../utils/errors';
import { FreshLink, FreshThumb } from '../../../evidence/components/FreshFile';
import { contentTypeOf } from '../../../evidence/lib/downscale';
import { uploadRefusal } from '../../../evidence/lib/refusal';
import { useFreshReceipt, useUploadReceipt } from '../../queries';
import { CLAIM_LIMITS, RECEIPT_TYPES, type Receipt, type ReceiptContentType } from '../../types';

const THUMB = 48;
/** The remove button's side: at least 32 px to tap. */
const REMOVE = 32;

const isReceiptType = (type: string): type is ReceiptContentType => (RECEIPT_TYPES as readonly string[]).includes(type);

/** A receipt: a photo's thumbnail (opens full size) or a PDF's link. Its links live minutes: one
 * opened after it lapsed is read anew first (the claim holding it), never renewed on a timer. */
export function ReceiptThumb({ receipt, onRemove }: { receipt: Receipt; onRemove?: () => void }) {
  const { t } = useI18n();
  const fresh = useFreshReceipt();
  const links = receipt.links;
  const pdf = receipt.content_type === 'application/pdf';
  const shown =
    links && !pdf && links.thumbnail ? (
      <FreshThumb thumb={links.thumbnail} full={links.view} size={THUMB} alt={t('claims.receiptOpen')} renew={() => fresh(receipt.id)} testId="claim-receipt-thumb" />
    ) : links ? (
      <FreshLink
        href={links.view}
        fresh={async () => (await fresh(receipt.id))?.links?.view ?? links.view}
        aria-label={t('claims.receiptOpen')}
        data-testid="claim-receipt-link"
      >
        <Flex vertical align="center" justify="center" style={{ width: THUMB, height: THUMB, border: '1px solid #d9d9d9', borderRadius: 4 }}>
          {pdf ? <FilePdfOutlined style={{ fontSize: 20 }} /> : <PaperClipOutlined style={{ fontSize: 20 }} />}
          <span style={{ fontSize: 10 }}>{pdf ? t('claims.receiptPdf') : ''}</span>
        </Flex>
      </FreshLink>
    ) : (
      <Flex align="center" justify="center" style={{ width: THUMB, height: THUMB, border: '1px dashed #d9d9d9', borderRadius: 4 }}>
        <PaperClipOutlined />
      </Flex>
    );
  return (
    <span style={{ position: 'relative', display: 'inline-block' }} data-testid="claim-receipt" data-receipt={receipt.id} data-status={receipt.status}>
      {shown}
      {onRemove && (
        <Tooltip title={t('claims.receiptRemove')}>
          {/* a finger's target (32 px), over the thumbnail's corner */}
          <Button
            shape="circle"
            icon={<CloseOutlined style={{ fontSize: 12 }} />}
            onClick={onRemove}
            aria-label={t('claims.receiptRemove')}
            data-testid="claim-receipt-remove"
            style={{ position: 'absolute', top: -12, right: -12, width: REMOVE, height: REMOVE, minWidth: REMOVE, padding: 0 }}
          />
        </Tooltip>
      )}
    </span>
  );
}

interface FieldProps {
  /** The line's receipts by id (the form's value). */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** The id Form.Item gives its field (`form.scrollToField` finds the field by it). */
  id?: string;
  /** The saved claim's id; none yet: a draft must be saved before a receipt can go to it. */
  claimId?: string;
  /** Every receipt known by id (the claim's and those uploaded since it was read). */
  known: Record<string, Receipt>;
  /** The claim's verified receipts no line names (uploaded and never saved on a line, or
   * taken off one): the line may take them. */
  spare?: Receipt[];
  onUploaded: (receipt: Receipt) => void;
  testId: string;
}

/**
 * A line's 原始凭证 on the form: the receipts named (thumbnails; a PDF's link), each removable,
 * and 拍照/上传凭证 (a phone offers its camera; a photo or a PDF; a large photo made smaller and
 * sent straight to S3, then checked by the server, as certificate scans are). An uploaded
 * receipt is named by the line at once; the line is saved with the claim. The claim's receipts
 * no line names (an upload whose line was never saved) can be picked for the line.
 */
export function ReceiptsField({ value = [], onChange, id, claimId, known, spare = [], onUploaded, testId }: FieldProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const upload = useUploadReceipt(claimId);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const full = value.length >= CLAIM_LIMITS.lineReceipts;
  const offered = claimId && !full ? spare.filter((r) => !value.includes(r.id)) : [];

  const send = async (file: File) => {
    setRefusal(null);
    const type = contentTypeOf(file);
    if (!isReceiptType(type)) {
      setRefusal(t('claims.receiptBadType', { name: file.name }));
      return;
    }
    try {
      const receipt = await upload.mutateAsync({ file, type });
      onUploaded(receipt);
      onChange?.([...value, receipt.id]);
      void message.success(t('claims.receiptDone'));
    } catch (err) {
      const reason = uploadRefusal(err, t);
      if (reason) setRefusal(t('claims.receiptRejected', { reason }));
      else showError(err);
    }
  };

  return (
    <Flex vertical gap={4} id={id} data-testid={testId} data-count={value.length}>
      <Flex gap={16} wrap align="center" style={{ paddingTop: value.length > 0 ? 12 : 0 }}>
        {value.map((rid) => {
          const receipt = known[rid];
          const remove = () => onChange?.(value.filter((r) => r !== rid));
          // a receipt not read yet (or no longer the claim's): its place, removable
          return <ReceiptThumb key={rid} receipt={receipt ?? { id: rid, content_type: 'image/jpeg', size: 0, file_name: null, status: 'pending', links: null }} onRemove={remove} />;
        })}
        {claimId && full ? null : claimId ? (
          <Upload
            accept="image/jpeg,image/png,application/pdf,.pdf,image/*"
            showUploadList={false}
            disabled={upload.isPending}
            beforeUpload={(file) => {
              void send(file);
              return false; // sent by the form the server gives, not by antd
            }}
          >
            <Button icon={<CameraOutlined />} loading={upload.isPending} data-testid={`${testId}-add`}>
              {upload.isPending ? t('claims.uploading') : t('claims.addReceipt')}
            </Button>
          </Upload>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testId}-save-first`}>
            {t('claims.saveFirst')}
          </Typography.Text>
        )}
        {offered.length > 0 && (
          <Button
            type="link"
            icon={<PaperClipOutlined />}
            aria-expanded={picking}
            onClick={() => setPicking((open) => !open)}
            data-testid={`${testId}-spare`}
            style={{ paddingInline: 4, whiteSpace: 'normal', height: 'auto', minHeight: 32, textAlign: 'start' }}
          >
            {t('claims.receiptSpare', { n: offered.length })}
          </Button>
        )}
      </Flex>
      {picking && offered.length > 0 && (
        <Flex gap={12} wrap style={{ padding: 8, background: '#fafafa', borderRadius: 6 }} data-testid={`${testId}-spare-list`}>
          {offered.map((r) => (
            <Flex key={r.id} vertical align="center" gap={4}>
              <ReceiptThumb receipt={r} />
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => onChange?.([...value, r.id])}
                aria-label={t('claims.receiptPickNamed', { name: r.file_name ?? t('claims.receipts') })}
                data-testid="claim-receipt-pick"
                data-receipt={r.id}
                style={{ minHeight: 32 }}
              >
                {t('claims.receiptPick')}
              </Button>
            </Flex>
          ))}
        </Flex>
      )}
      {refusal && (
        <Typography.Text type="danger" style={{ wordBreak: 'break-word' }} data-testid={`${testId}-error`}>
          {refusal}
        </Typography.Text>
      )}
    </Flex>
  );
}
