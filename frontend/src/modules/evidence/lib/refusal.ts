import { ApiError } from '../../../api/client';
import type { I18n } from '../../../i18n';
import { UploadError } from './upload';

/**
 * Why an upload of another area (a unit's photo, a certificate's scan) was not taken, in the
 * reader's language: the file store refused the bytes or could not be reached (UploadError, as
 * the order's upload says it), or the server's check refused the file, its size or its type
 * (the server's own words). Null for anything else (a stale version, a server error…), which
 * the caller shows as any error.
 */
export function uploadRefusal(err: unknown, t: I18n['t']): string | null {
  if (err instanceof UploadError) return err.status === 0 ? t('common.networkError') : t('queue.error.storage');
  if (err instanceof ApiError && (err.code === 'upload_rejected' || err.fields.file || err.fields.size || err.fields.content_type))
    return err.fields.file ?? err.fields.size ?? err.fields.content_type ?? err.message;
  return null;
}
