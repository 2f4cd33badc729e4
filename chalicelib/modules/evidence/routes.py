"""Field evidence: upload forms for photos, documents and signatures; the service reports."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, lang, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.evidence.domain.rules import SLOT_SCHEMA

reports = lazy("chalicelib.modules.evidence.reports")
evidence = lazy("chalicelib.modules.evidence.usecases")
bp = Blueprint(__name__)
BASE = "/api/work-orders/{order_id}"


@endpoint(bp, f"{BASE}/attachments", "POST", status=201, body=SLOT_SCHEMA,
          summary="A presigned form to upload one photo, document or signature straight to S3",
          response="UploadSlot", errors=(400, 401, 403, 404, 409), permission="evidence.upload")
def request_upload(order_id):
    return reply(evidence.request_upload(actor(), order_id, json_body()), 201)


@endpoint(bp, f"{BASE}/attachments/{{attachment_id}}/confirm", "POST",
          summary="Verify an upload (key, size, magic number, EXIF, thumbnail); rejects and "
                  "deletes what is not what it claims",
          response="Attachment", errors=(400, 401, 404, 409), permission="evidence.confirm")
def confirm_upload(order_id, attachment_id):
    return reply(evidence.confirm(actor(), order_id, attachment_id))


@endpoint(bp, f"{BASE}/attachments", "GET", summary="The order's verified attachments",
          response="AttachmentList", errors=(401, 404), permission="evidence.read")
def list_attachments(order_id):
    return reply(evidence.list_for(actor(), order_id))


@endpoint(bp, f"{BASE}/attachments/{{attachment_id}}", "GET",
          summary="One verified attachment with fresh short-lived links",
          response="Attachment", errors=(401, 404), permission="evidence.read")
def get_attachment(order_id, attachment_id):
    return reply(evidence.get(actor(), order_id, attachment_id))


@endpoint(bp, f"{BASE}/reports/{{version}}", "GET",
          summary="One version of the service report with a fresh short-lived link",
          response="ServiceReport", errors=(401, 404), permission="evidence.read")
def get_report(order_id, version):
    return reply(reports.get(actor(), order_id, version, lang()))
