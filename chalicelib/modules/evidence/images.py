"""What an uploaded image says about itself (size, EXIF time and GPS) and its thumbnail."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

THUMB_EDGE = 480  # px, long edge of a thumbnail
THUMB_QUALITY = 80
# Phones reach 200 MP; anything above is a decompression bomb, not a site photo.
Image.MAX_IMAGE_PIXELS = 250_000_000

EXIF_IFD, GPS_IFD = 0x8769, 0x8825
DATETIME_ORIGINAL, OFFSET_TIME_ORIGINAL, DATETIME = 0x9003, 0x9011, 0x0132


class Unreadable(Exception):
    """The bytes start like an image but do not decode as one."""


@dataclass
class ImageFacts:
    width: int
    height: int
    taken_at: str | None
    gps: dict | None
    thumbnail: bytes


_heif_ready = False


def _heif() -> None:
    global _heif_ready
    if not _heif_ready:
        from pillow_heif import register_heif_opener

        register_heif_opener()
        _heif_ready = True


def inspect(body: bytes, content_type: str) -> ImageFacts:
    if content_type == "image/heic":
        _heif()
    try:
        with Image.open(io.BytesIO(body)) as probe:
            probe.verify()  # structure and checksums, before decoding anything large
        image = Image.open(io.BytesIO(body))
        exif = image.getexif()
        upright = ImageOps.exif_transpose(image)
        width, height = upright.size
        thumb = upright.convert("RGB")
        thumb.thumbnail((THUMB_EDGE, THUMB_EDGE))
        out = io.BytesIO()
        thumb.save(out, "JPEG", quality=THUMB_QUALITY, optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError) as error:
        raise Unreadable(str(error)) from None
    return ImageFacts(width, height, taken_at(exif), gps_point(exif), out.getvalue())


def taken_at(exif) -> str | None:
    """EXIF DateTimeOriginal as ISO 8601 (with its offset when the camera wrote one)."""
    sub = exif.get_ifd(EXIF_IFD)
    raw = sub.get(DATETIME_ORIGINAL) or exif.get(DATETIME)
    if not isinstance(raw, str) or len(raw) < 19:
        return None
    date, _, time = raw.strip().partition(" ")
    stamp = f"{date.replace(':', '-')}T{time[:8]}"
    if len(stamp) != 19 or not stamp[:4].isdigit():
        return None
    offset = sub.get(OFFSET_TIME_ORIGINAL)
    if isinstance(offset, str) and len(offset) == 6 and offset[0] in "+-":
        stamp += offset
    return stamp


def _degrees(value) -> float | None:
    try:
        d, m, s = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return d + m / 60 + s / 3600


def gps_point(exif) -> dict | None:
    """The EXIF GPS position in decimal degrees, or None."""
    gps = exif.get_ifd(GPS_IFD)
    lat, lng = _degrees(gps.get(2)), _degrees(gps.get(4))
    if lat is None or lng is None:
        return None
    if str(gps.get(1, "N")).upper().startswith("S"):
        lat = -lat
    if str(gps.get(3, "E")).upper().startswith("W"):
        lng = -lng
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    return {"lat": round(lat, 6), "lng": round(lng, 6)}
