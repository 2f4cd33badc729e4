import { transplantExif } from './exif';

export const MAX_EDGE = 2560;
export const MAX_BYTES_BEFORE_SCALING = 3 * 1024 * 1024;
const QUALITY = 0.85;
const SCALABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

export interface PreparedFile {
  blob: Blob;
  contentType: string;
  filename: string;
}

/** The content type the API expects; phones sometimes leave HEIC untyped. */
export function contentTypeOf(file: File): string {
  const type = file.type.toLowerCase();
  if (type === 'image/jpg') return 'image/jpeg';
  if (type === 'image/heif') return 'image/heic';
  if (type) return type;
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  const byExt: Record<string, string> = {
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    webp: 'image/webp',
    heic: 'image/heic',
    heif: 'image/heic',
    pdf: 'application/pdf',
  };
  return byExt[ext] ?? 'application/octet-stream';
}

function canvasToJpeg(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/jpeg', QUALITY));
}

const jpegName = (name: string) => `${name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;

/**
 * JPEG/PNG/WebP larger than 2560 px on the long side or 3 MB are redrawn at 2560 px long edge as
 * JPEG 0.85, keeping a JPEG's EXIF (Orientation set to 1). HEIC and PDF, and anything the
 * browser cannot decode, go as they are; so does a result that would not be smaller.
 */
export async function prepareForUpload(file: File): Promise<PreparedFile> {
  const contentType = contentTypeOf(file);
  const asIs: PreparedFile = { blob: file, contentType, filename: file.name || 'file' };
  if (!SCALABLE.has(contentType) || typeof createImageBitmap !== 'function') return asIs;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return asIs;
  }
  try {
    const longEdge = Math.max(bitmap.width, bitmap.height);
    if (longEdge <= MAX_EDGE && file.size <= MAX_BYTES_BEFORE_SCALING) return asIs;
    const scale = Math.min(1, MAX_EDGE / longEdge);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) return asIs;
    context.fillStyle = '#fff'; // transparent PNG areas become white, not black
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const redrawn = await canvasToJpeg(canvas);
    if (!redrawn) return asIs;
    let bytes: Uint8Array = new Uint8Array(await redrawn.arrayBuffer());
    if (contentType === 'image/jpeg') bytes = transplantExif(new Uint8Array(await file.arrayBuffer()), bytes);
    if (bytes.length >= file.size) return asIs; // never make it bigger
    return { blob: new Blob([bytes as BlobPart], { type: 'image/jpeg' }), contentType: 'image/jpeg', filename: jpegName(file.name) };
  } finally {
    bitmap.close();
  }
}
