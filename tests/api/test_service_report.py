"""The service report (售后服务报告单): a PDF in Chinese with the order, the photos and the
signature, issued with the acceptance; immutable, corrected by new versions."""

from __future__ import annotations

import concurrent.futures
import hashlib
import io

import requests
from pypdf import PdfReader

from chalicelib.kernel.config import settings
from chalicelib.modules.evidence import store as s3store
from tests.conftest import HAPPY_PATH, PHOTO, STEP_DATA, signature_png, upload


def _pdf(url: str) -> bytes:
    reply = requests.get(url, timeout=30)
    assert reply.status_code == 200 and reply.content.startswith(b"%PDF-")
    return reply.content


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _images(pdf: bytes) -> list:
    return [image for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images]


def _fonts(pdf: bytes) -> set[str]:
    found = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                found.add(str(font["/BaseFont"]))
    return found


def _other_photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(PHOTO)).transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(out, "JPEG")
    return out.getvalue()


def _accepted(api, new_order, walk) -> dict:
    order = walk(new_order(), HAPPY_PATH[:7])  # ... complete (with an "after" photo)
    upload(api, order, "sz_tech1", _other_photo(), category="before")
    signed = upload(api, order, "sz_tech1", signature_png(), "signature", "signature",
                    "image/png")
    reply = api.act(order, "accept", "sz_tech1", {
        "customer_name": "陈先生", "opinion": "维修及时，设备恢复运行", "satisfied": True,
        "satisfaction": 4, "signature_id": signed["id"]})
    assert reply.status == 200, reply.body
    return reply.body


def test_acceptance_issues_a_signed_pdf_in_chinese(api, new_order, walk):
    order = _accepted(api, new_order, walk)
    report = order["reports"][0]
    pdf = _pdf(report["url"])
    assert hashlib.sha256(pdf).hexdigest() == report["sha256"] and len(pdf) == report["size"]

    text = _text(pdf)
    for expected in ("售后服务报告单", order["number"], "接触器烧蚀", "更换接触器",
                     "接触器 CJX2-25", "维修及时，设备恢复运行", "满意", "陈先生", "客户签字",
                     "完工后", "施工前", "张伟"):
        assert expected in text, expected
    # the CJK font is embedded (a TrueType subset), so the report reads the same anywhere
    assert any("WenQuanYiMicroHei" in name for name in _fonts(pdf))
    # two photo thumbnails and the signature
    images = _images(pdf)
    assert len(images) == 3
    signature = max(images, key=lambda i: i.image.size[0] / i.image.size[1])
    assert signature.image.size[0] / signature.image.size[1] == 600 / 240

    # its SHA-256 is on the order's timeline: on the acceptance and as its own entry
    accept = next(e for e in order["events"] if e["action"] == "accept")
    issued = next(e for e in order["events"] if e["action"] == "report_issued")
    assert accept["data"]["report"]["sha256"] == report["sha256"]
    assert issued["data"] == {"report_version": 1, "sha256": report["sha256"], "signed": True,
                              "reason": None, "size": report["size"]}


def test_a_correction_is_a_new_version_and_the_signed_one_is_kept(api, new_order, walk):
    order = _accepted(api, new_order, walk)
    first = order["reports"][0]
    first_pdf = _pdf(first["url"])

    refused = api.act(order, "correct_report", "sz_tech1", {"reason": "x"})
    assert refused.status == 403
    no_reason = api.act(order, "correct_report", "sz_manager", {"fault_cause": "x"})
    assert no_reason.status == 400
    corrected = api.act(order, "correct_report", "sz_manager", {
        "reason": "故障原因记录有误", "fault_cause": "过载继电器整定值偏低导致接触器烧蚀"})
    assert corrected.status == 200, corrected.body
    detail = corrected.body
    assert detail["state"] == "accepted" and detail["version"] == order["version"] + 1
    assert detail["completion"]["fault_cause"] == "过载继电器整定值偏低导致接触器烧蚀"
    event = next(e for e in detail["events"] if e["action"] == "correct_report")
    assert event["data"]["previous"] == {"fault_cause": "接触器烧蚀"}

    assert [r["version"] for r in detail["reports"]] == [1, 2]
    old, new = detail["reports"]
    assert not old["current"] and new["current"] and new["reason"] == "故障原因记录有误"
    # the signed version is unchanged, byte for byte
    assert old["sha256"] == first["sha256"] and _pdf(old["url"]) == first_pdf
    again = api.get(f"/api/work-orders/{order['id']}/reports/1", "sz_agent").body
    assert _pdf(again["url"]) == first_pdf
    new_text = _text(_pdf(new["url"]))
    assert "第 2 版" in new_text and "故障原因记录有误" in new_text
    assert "过载继电器整定值偏低" in new_text and first["sha256"][:16] in new_text
    # both are versions of one S3 object in the versioned bucket
    key = s3store.report_key("SZ", order["id"])
    listed = s3store.s3().list_object_versions(Bucket=settings().attachments_bucket, Prefix=key)
    assert len([v for v in listed["Versions"] if v["Key"] == key]) == 2
    assert api.get(f"/api/work-orders/{order['id']}/reports/3", "sz_agent").status == 404


def test_concurrent_acceptances_leave_exactly_one_report(api, new_order, walk):
    """Each request renders its PDF before the transaction; the losers remove theirs again."""
    order = walk(new_order(), HAPPY_PATH[:7])
    signed = upload(api, order, "sz_tech1", signature_png(), "signature", "signature",
                    "image/png")
    data = {**STEP_DATA["accept"], "signature_id": signed["id"]}
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        replies = list(pool.map(lambda _: api.act(order, "accept", "sz_tech1", data), range(4)))
    assert sorted(r.status for r in replies) == [200, 409, 409, 409]
    key = s3store.report_key("SZ", order["id"])
    listed = s3store.s3().list_object_versions(Bucket=settings().attachments_bucket, Prefix=key)
    versions = [v for v in listed.get("Versions", []) if v["Key"] == key]
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    assert len(versions) == 1 and len(detail["reports"]) == 1
    assert versions[0]["VersionId"] in detail["reports"][0]["url"]
