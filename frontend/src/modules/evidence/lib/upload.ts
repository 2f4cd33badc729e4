import type { UploadSlot } from '../../../api/types';
import { prepareForUpload, type PreparedFile } from './downscale';

/** The object store (S3) refused or could not be reached; status 0 is a network failure or abort. */
export class UploadError extends Error {
  readonly status: number;
  readonly body: string;

  constructor(status: number, body = '') {
    super(`upload failed (${status})`);
    this.name = 'UploadError';
    this.status = status;
    this.body = body;
  }

  /** Worth trying again later with the same or a new slot (network, 5xx, expired policy). */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 403 || this.status === 408 || this.status === 429;
  }

  /** S3 said the upload policy no longer holds (expired): ask for a new slot. */
  get needsNewSlot(): boolean {
    return this.status === 403;
  }
}

export interface UploadHandle {
  promise: Promise<void>;
  abort: () => void;
}

/**
 * The browser's POST to a presigned S3 form: every field of the slot first, in order, then the
 * file last. XMLHttpRequest, for the upload progress (`onProgress` gets 0..1).
 */
export function postToSlot(slot: Pick<UploadSlot, 'url' | 'fields'>, blob: Blob, filename: string, onProgress?: (ratio: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<void>((resolve, reject) => {
    const form = new FormData();
    Object.entries(slot.fields).forEach(([key, value]) => form.append(key, value));
    form.append('file', blob, filename);
    xhr.open('POST', slot.url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve();
      } else {
        reject(new UploadError(xhr.status, typeof xhr.responseText === 'string' ? xhr.responseText.slice(0, 500) : ''));
      }
    };
    xhr.onerror = () => reject(new UploadError(0));
    xhr.onabort = () => reject(new UploadError(0));
    xhr.ontimeout = () => reject(new UploadError(0));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/**
 * An upload of another area (a unit's photo, a certificate's scan): the file prepared as the
 * evidence queue prepares one (a large photo downscaled; a PDF as it is), the area's form asked
 * for with the prepared type and size, the bytes posted to S3, then the area's confirmation
 * (the server's check of the bytes). Errors are thrown as they come (ApiError, UploadError).
 */
export async function uploadThrough<S extends { upload: Pick<UploadSlot, 'url' | 'fields'> }, R>(
  file: File,
  ask: (prepared: PreparedFile) => Promise<S>,
  confirm: (slot: S) => Promise<R>,
  onProgress?: (ratio: number) => void,
): Promise<R> {
  const prepared = await prepareForUpload(file);
  const slot = await ask(prepared);
  await postToSlot(slot.upload, prepared.blob, prepared.filename, onProgress).promise;
  return confirm(slot);
}
