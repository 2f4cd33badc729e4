import { confirmAttachment, createAttachment } from '../../../api/client';
import type { Attachment, AttachmentCategory, AttachmentKind, UploadContentType } from '../../../api/types';
import { postToSlot } from './upload';

export interface DirectUpload {
  orderId: string;
  kind: AttachmentKind;
  category: AttachmentCategory;
  blob: Blob;
  contentType: UploadContentType;
  filename: string;
  onProgress?: (ratio: number) => void;
}

/**
 * Slot → S3 POST → confirm, online and at once (the customer's signature at acceptance: no
 * queue). Errors are thrown as they come (ApiError from the API, UploadError from the store).
 */
export async function uploadNow({ orderId, kind, category, blob, contentType, filename, onProgress }: DirectUpload): Promise<Attachment> {
  const { attachment, upload } = await createAttachment(orderId, { kind, category, content_type: contentType, size: blob.size, filename });
  await postToSlot(upload, blob, filename, onProgress).promise;
  return confirmAttachment(orderId, attachment.id);
}
