"""A unit's photos at registration: the upload form, the confirmation, the list with fresh
links (unit_photos.py)."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.warranty.photo_schemas import PHOTO_SLOT_SCHEMA

photos = lazy("chalicelib.modules.warranty.unit_photos")
bp = Blueprint(__name__)
BASE = "/api/customers/{customer_id}/units/{unit_id}/photos"


@endpoint(bp, BASE, "POST", status=201, body=PHOTO_SLOT_SCHEMA,
          summary="A presigned form to upload one photo of the unit (nameplate, installation, "
                  "site, barcode) straight to S3; the agent or manager of the unit's outlet",
          response="UnitPhotoSlot", errors=(400, 401, 403, 404),
          permission="warranty.unit_photos.upload")
def request_unit_photo(customer_id, unit_id):
    return reply(photos.request_upload(actor(), customer_id, unit_id, json_body()), 201)


@endpoint(bp, f"{BASE}/{{photo_id}}/confirm", "POST",
          summary="Verify an uploaded unit photo (time, size, magic number, EXIF, thumbnail); "
                  "400 upload_rejected with the reason when it is not what it claims (deleted), "
                  "409 upload_not_found while nothing has arrived",
          response="UnitPhoto", errors=(400, 401, 403, 404, 409),
          permission="warranty.unit_photos.upload")
def confirm_unit_photo(customer_id, unit_id, photo_id):
    return reply(photos.confirm(actor(), customer_id, unit_id, photo_id))


@endpoint(bp, BASE, "GET", summary="The unit's verified photos, newest first, with fresh "
                                   "short-lived links",
          response="UnitPhotoList", errors=(401, 403, 404),
          permission="warranty.unit_photos.read")
def list_unit_photos(customer_id, unit_id):
    return reply(photos.list_for(actor(), customer_id, unit_id))
