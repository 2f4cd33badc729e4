"""Images (EXIF, thumbnails) and the report PDF, on real files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from chalicelib.kernel.config import settings
from chalicelib.modules.evidence import images, report_pdf

PHOTO = (Path(__file__).parents[1] / "fixtures" / "site_photo.jpg").read_bytes()


def test_exif_time_and_gps_of_the_photo_fixture():
    facts = images.inspect(PHOTO, "image/jpeg")
    assert facts.taken_at == "2026-11-20T10:31:05+08:00"
    assert facts.gps == {"lat": pytest.approx(22.543167), "lng": pytest.approx(113.933944)}
    assert (facts.width, facts.height) == (1600, 1200)
    thumb = Image.open(io.BytesIO(facts.thumbnail))
    assert thumb.format == "JPEG" and max(thumb.size) == images.THUMB_EDGE


def test_a_photo_without_exif_has_no_time_or_place():
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "gray").save(out, "PNG")
    facts = images.inspect(out.getvalue(), "image/png")
    assert facts.taken_at is None and facts.gps is None and (facts.width, facts.height) == (64, 48)


def test_southern_and_western_coordinates_are_negative():
    image = Image.new("RGB", (8, 8))
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "S", (33.0, 52.0, 4.0), "W", (70.0, 30.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    facts = images.inspect(out.getvalue(), "image/jpeg")
    assert facts.gps == {"lat": pytest.approx(-33.867778), "lng": pytest.approx(-70.5)}


def test_an_upright_thumbnail_from_a_rotated_phone_photo():
    image = Image.new("RGB", (400, 200), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # the phone was held upright: rotate 90° clockwise to view
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    facts = images.inspect(out.getvalue(), "image/jpeg")
    assert (facts.width, facts.height) == (200, 400)


def test_bytes_that_only_start_like_a_jpeg_are_unreadable():
    with pytest.raises(images.Unreadable):
        images.inspect(PHOTO[:4000] + b"\0" * 100, "image/jpeg")


def test_heic_from_an_iphone_is_decoded():
    from pillow_heif import from_pillow

    heif = from_pillow(Image.open(io.BytesIO(PHOTO)))
    out = io.BytesIO()
    heif.save(out, quality=60)
    facts = images.inspect(out.getvalue(), "image/heic")
    assert (facts.width, facts.height) == (1600, 1200) and facts.thumbnail[:2] == b"\xff\xd8"


def test_the_report_renders_chinese_text_with_an_embedded_font():
    field = report_pdf.ReportField
    content = report_pdf.ReportContent(
        title="售后服务报告单", company="深圳服务站", contact="电话：0755-8888 6001",
        number="工单号 SZ-20261123-0001", subtitle="第 1 版",
        sections=[report_pdf.ReportSection("一、客户与设备", [
            field("客户名称", "华南精密制造有限公司"),
            field("故障描述", "机组 <跳闸> & 报警", wide=True)])],
        parts_heading="更换配件", parts_columns=("配件名称", "数量"), parts=[("交流接触器", "2")],
        photos_heading="现场照片", photos=[report_pdf.ReportPhoto("完工后", images.inspect(
            PHOTO, "image/jpeg").thumbnail)],
        acceptance=report_pdf.ReportSection("五、客户验收", [field("客户意见", "满意")]),
        signatures=[report_pdf.SignatureBox("客户签字", ["验收人：陈先生"])],
        notes=["更正版本（第 2 版）：原因"], footer="本报告由 Fuwu 生成")
    pdf = report_pdf.render(content, settings().report_font)
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(p.extract_text() for p in reader.pages)
    for expected in ("售后服务报告单", "SZ-20261123-0001", "华南精密制造有限公司", "机组 <跳闸> & 报警",
                     "交流接触器", "验收人：陈先生", "更正版本"):
        assert expected in text
    assert len(reader.pages[0].images) == 1
    assert reader.metadata.subject == "工单号 SZ-20261123-0001"
