/*
 * Just enough JPEG/EXIF handling to keep a photo's metadata (time taken, GPS) when the SPA redraws
 * it smaller on a canvas: find the original's APP1 "Exif" segment, set its Orientation to 1 (the
 * canvas already applied the rotation) and put it right after the new JPEG's SOI. Pure functions.
 */

const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const APP1 = 0xe1;
const ORIENTATION_TAG = 0x0112;
/** "Exif\0\0" */
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00];
/** Offset of the TIFF header inside the segment: marker (2) + length (2) + "Exif\0\0" (6). */
const TIFF_START = 10;

export const isJpeg = (bytes: Uint8Array) => bytes.length > 3 && bytes[0] === 0xff && bytes[1] === SOI;

/** The whole APP1 Exif segment (marker and length included) of a JPEG, or null. */
export function findExifSegment(bytes: Uint8Array): Uint8Array | null {
  if (!isJpeg(bytes)) return null;
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) return null;
    const marker = bytes[p + 1];
    if (marker === 0xff) {
      p += 1; // fill byte
      continue;
    }
    if (marker === SOI || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      p += 2; // markers without a length
      continue;
    }
    if (marker === SOS || marker === EOI) return null; // image data: no more metadata
    const length = (bytes[p + 2] << 8) | bytes[p + 3];
    if (length < 2 || p + 2 + length > bytes.length) return null;
    if (marker === APP1 && length >= 8 && EXIF_HEADER.every((b, i) => bytes[p + 4 + i] === b)) {
      return bytes.slice(p, p + 2 + length);
    }
    p += 2 + length;
  }
  return null;
}

/**
 * A copy of an APP1 Exif segment with the Orientation tag (0x0112) of IFD0 set to `value`.
 * Either byte order; a segment without the tag (or malformed) comes back unchanged.
 */
export function setExifOrientation(segment: Uint8Array, value = 1): Uint8Array {
  const out = segment.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (out.length < TIFF_START + 8) return out;
  const order = view.getUint16(TIFF_START);
  if (order !== 0x4949 && order !== 0x4d4d) return out;
  const little = order === 0x4949;
  if (view.getUint16(TIFF_START + 2, little) !== 42) return out;
  const ifd0 = TIFF_START + view.getUint32(TIFF_START + 4, little);
  if (ifd0 + 2 > out.length) return out;
  const count = view.getUint16(ifd0, little);
  for (let i = 0; i < count; i += 1) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > out.length) break;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    const type = view.getUint16(entry + 2, little);
    // SHORT (3) is the standard; a value this small sits left-justified in the 4-byte value field.
    if (type === 3) view.setUint16(entry + 8, value, little);
    else if (type === 4) view.setUint32(entry + 8, value, little);
    break;
  }
  return out;
}

/** Drops the APP1 Exif segments of a JPEG (a canvas writes none, but be safe). */
function withoutExif(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let p = 2;
  while (p + 4 <= bytes.length && bytes[p] === 0xff) {
    const marker = bytes[p + 1];
    if (marker === SOS || marker === EOI || marker === 0xff || (marker >= 0xd0 && marker <= 0xd7)) break;
    const length = (bytes[p + 2] << 8) | bytes[p + 3];
    const isExif = marker === APP1 && EXIF_HEADER.every((b, i) => bytes[p + 4 + i] === b);
    if (!isExif) parts.push(bytes.subarray(p, p + 2 + length));
    p += 2 + length;
  }
  parts.push(bytes.subarray(p));
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  parts.forEach((part) => {
    out.set(part, offset);
    offset += part.length;
  });
  return out;
}

/** The JPEG with `segment` (an APP1 Exif segment) right after its SOI. */
export function insertExifSegment(jpeg: Uint8Array, segment: Uint8Array): Uint8Array {
  if (!isJpeg(jpeg)) return jpeg;
  const clean = withoutExif(jpeg);
  return concat([clean.subarray(0, 2), segment, clean.subarray(2)]);
}

/** Carries the original JPEG's EXIF into the redrawn one, Orientation reset to 1. */
export function transplantExif(original: Uint8Array, redrawn: Uint8Array): Uint8Array {
  const segment = findExifSegment(original);
  return segment ? insertExifSegment(redrawn, setExifOrientation(segment, 1)) : redrawn;
}
