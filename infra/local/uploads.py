"""The demo's uploads as a browser makes them: a phone photo of a paper (a certificate card, a
receipt) and the POST of its bytes to S3 with the presigned form the API handed out."""

from __future__ import annotations


def paper_photo(variant: int = 0) -> bytes:
    """A phone photo of a paper with a photo, lines of text and a stamp: a small JPEG.
    `variant` > 0 draws a serial number's marks as well, so each photo is a file of its own (a
    travel claim's receipts: the same file is claimed once)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 420), (236, 232, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle([20, 20, 620, 400], outline=(150, 30, 30), width=6)
    draw.rectangle([50, 60, 200, 250], fill=(200, 210, 225), outline=(90, 90, 90))
    for y in range(80, 330, 40):
        draw.line([(240, y), (580, y)], fill=(60, 60, 60), width=4)
    draw.ellipse([470, 270, 590, 390], outline=(190, 20, 20), width=5)
    for bit in range(16 if variant else 0):  # the serial number, one mark a bit
        if variant >> bit & 1:
            draw.rectangle([40 + bit * 20, 360, 52 + bit * 20, 380], fill=(40, 40, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def post(upload: dict, body: bytes, content_type: str = "image/jpeg") -> None:
    """Send the bytes to S3 with the API's presigned form ({url, fields})."""
    import requests

    sent = requests.post(upload["url"], data=upload["fields"],
                         files={"file": ("upload", body, content_type)}, timeout=30)
    sent.raise_for_status()
