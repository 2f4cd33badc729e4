import { isUploadContentType, type AttachmentKind, type PhotoCategory } from '../../../api/types';
import { contentTypeOf, prepareForUpload } from './downscale';
import { uploadQueue, type QueueItem } from './queue';

/** Why a picked file was not queued (the caller says so, with the file's name). */
export type QueueRefusal = 'badType' | 'emptyFile' | 'tooLarge';

export interface QueueTarget {
  orderId: string;
  /** The photos' category (a PDF always goes as a document). */
  category: PhotoCategory;
  /** What this order takes now (the order's `evidence.upload_kinds`; empty: any). */
  kinds: AttachmentKind[];
  /** The largest file, after downscaling (0: no limit known). */
  maxBytes: number;
  /** Photos only (a fault's photo): a PDF is refused as a wrong type. */
  photosOnly?: boolean;
}

/**
 * The files a user picked (camera or album), checked, prepared (a large photo downscaled, its
 * EXIF kept) and put in the tab's upload queue: what the evidence panel does with a pick, and
 * any other place of the order's page that takes a photo of the order (the checklist's fault
 * photo). A file refused is told through `onRefused` and skipped; the items queued are returned.
 */
export async function queueFiles(files: File[], target: QueueTarget, onRefused: (reason: QueueRefusal, name: string) => void): Promise<QueueItem[]> {
  const queued: QueueItem[] = [];
  for (const file of files) {
    const type = contentTypeOf(file);
    const isPdf = type === 'application/pdf';
    const kind = isPdf ? 'document' : 'photo';
    if (!isUploadContentType(type) || (target.kinds.length > 0 && !target.kinds.includes(kind)) || (isPdf && target.photosOnly)) {
      onRefused('badType', file.name);
      continue;
    }
    if (file.size === 0) {
      onRefused('emptyFile', file.name);
      continue;
    }
    const prepared = await prepareForUpload(file);
    if (target.maxBytes > 0 && prepared.blob.size > target.maxBytes) {
      onRefused('tooLarge', file.name);
      continue;
    }
    queued.push(
      await uploadQueue.add({
        orderId: target.orderId,
        kind,
        category: isPdf ? 'document' : target.category,
        blob: prepared.blob,
        filename: prepared.filename,
        // the file's own (checked above) type, or JPEG once downscaled
        contentType: isUploadContentType(prepared.contentType) ? prepared.contentType : type,
      }),
    );
  }
  return queued;
}
