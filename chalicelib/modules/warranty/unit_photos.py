"""A unit's photos at registration (seed 001 第二章第11条: 安装后上传照片、位置、扫码): the nameplate,
the installation, the site and the barcode, uploaded by the agent or manager of the unit's outlet.

The browser uploads straight to S3 with a presigned POST, as for an order's evidence, and the
bytes are checked by the evidence area's own check (evidence.public.verify_upload: arrival
time, size, magic number, EXIF, thumbnail) when the client confirms the upload. What fails is
rejected and deleted (every S3 version). The verdict is written conditionally on the pending
item that was read, with the unit's audit event, in one transaction (`_settle`); only the
caller whose verdict won touches the key's S3 versions.

S3 layout (the attachments bucket), outside `uploads/`, which the evidence area's S3-event
handler watches for orders' uploads:
  unit-photos/<outlet>/<customer>/<unit>/<photo>            what the browser uploaded
  thumbs/units/<outlet>/<unit>/<photo>-<sha256 prefix>.jpg  the app's thumbnail
Items (the unit's collection, so the unit page's one query returns them):
  CUST#<customer> / EQUIP#<unit>#PHOTO#<photo>
"""

from __future__ import annotations

from datetime import timedelta

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.access import ensure_outlet
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import NotFound, ValidationFailed
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import cancelled_at, connection
from chalicelib.kernel.store.collection import Collection
from chalicelib.modules.directory import public as directory
from chalicelib.modules.evidence import public as evidence
from chalicelib.modules.warranty import store
from chalicelib.modules.warranty.models import Equipment, UnitEvent, UnitPhoto

CATEGORIES = ("nameplate", "installation", "site", "barcode")  # vocabulary unit_photo
STATES = ("pending", "verified", "rejected")
WRITER_ROLES = ("agent", "manager")  # of the unit's outlet (permission warranty.unit_photos.upload)
MAX_PER_CATEGORY = 12  # verified photos and open upload forms of one category of one unit
PENDING_TTL = timedelta(days=1)  # an unconfirmed or rejected photo item is forgotten after this
UPLOAD_PREFIX = "unit-photos/"


# ---------------------------------------------------------------- keys and items

def photo_key(outlet: str, customer_id: str, unit_id: str, photo_id: str) -> str:
    return f"{UPLOAD_PREFIX}{outlet}/{customer_id}/{unit_id}/{photo_id}"


def thumb_key(outlet: str, unit_id: str, photo_id: str, sha256: str) -> str:
    """Named after the bytes it shows (as an order's thumbnails): racing confirmations of two
    uploads of one form never share a thumbnail key."""
    return f"thumbs/units/{outlet}/{unit_id}/{photo_id}-{sha256[:16]}.jpg"


def _index_photo(item: UnitPhoto) -> None:
    item.pk, item.sk = keys.customer_pk(item.customer_id), f"EQUIP#{item.unit_id}#PHOTO#{item.id}"


def _index_event(event: UnitEvent) -> None:
    event.pk = keys.customer_pk(event.customer_id)
    event.sk = f"EQUIP#{event.unit_id}#EV#{event.at}#{event.id}"


def _get_photo(customer_id: str, unit_id: str, photo_id: str) -> UnitPhoto | None:
    try:
        return UnitPhoto.get(keys.customer_pk(customer_id),
                             f"EQUIP#{unit_id}#PHOTO#{photo_id}", consistent_read=True)
    except DoesNotExist:
        return None


def _get_unit(customer_id: str, unit_id: str) -> Equipment | None:
    try:
        return Equipment.get(keys.customer_pk(customer_id), store.unit_sk(unit_id))
    except DoesNotExist:
        return None


# ---------------------------------------------------------------- who

def may_write(actor: Actor, unit: Equipment) -> bool:
    return actor.role in WRITER_ROLES and actor.outlet == unit.outlet


def _writable_unit(actor: Actor, unit: Equipment | None) -> Equipment:
    """Another outlet's unit is not found (its existence is not revealed)."""
    if unit is None or not may_write(actor, unit):
        raise NotFound()
    return unit


# ---------------------------------------------------------------- views

def photo_view(item: UnitPhoto, with_urls: bool = True) -> dict:
    return {"id": item.id, "customer_id": item.customer_id, "unit_id": item.unit_id,
            **evidence.upload_view(item, item.declared_type, with_urls)}


def photo_views(found: Collection) -> list[dict]:
    """The verified photos of a unit's collection (the unit page's one query), newest first,
    with short-lived links to the photo and its thumbnail."""
    verified = [p for p in found.of(UnitPhoto) if p.status == "verified"]
    verified.sort(key=lambda p: (p.verified_at or "", p.id), reverse=True)
    return [photo_view(p) for p in verified]


def list_for(actor: Actor, customer_id: str, unit_id: str) -> dict:
    """The unit's verified photos with fresh links (the unit page renews them with this)."""
    items = store.unit_collection(customer_id, unit_id, consistent=True)
    unit = items.one(Equipment)
    if unit is None:
        raise NotFound()
    ensure_outlet(actor, unit.outlet)
    return {"items": photo_views(items)}


# ---------------------------------------------------------------- the upload form

def request_upload(actor: Actor, customer_id: str, unit_id: str, body: dict) -> dict:
    """A pending photo and the presigned form to upload its bytes (PHOTO_SLOT_SCHEMA)."""
    expires = evidence.form_expiry(body["size"])
    items = store.unit_collection(customer_id, unit_id, consistent=True)
    unit = _writable_unit(actor, items.one(Equipment))
    now = keys.utc_now()
    wall = keys.wall_now()
    taken = [p for p in items.of(UnitPhoto) if p.category == body["category"]
             and (p.status == "verified" or p.status == "pending"
                  and keys.parse_iso(p.upload_expires_at) > wall)]
    if len(taken) >= MAX_PER_CATEGORY:
        raise ValidationFailed(fields={"category": ("maxItems", {"limit": MAX_PER_CATEGORY})})

    photo_id = keys.new_id("uph")
    key = photo_key(unit.outlet, unit.customer_id, unit.id, photo_id)
    item = UnitPhoto(
        id=photo_id, customer_id=unit.customer_id, unit_id=unit.id, outlet=unit.outlet,
        category=body["category"], status="pending", declared_type=body["content_type"],
        declared_size=body["size"], filename=body.get("filename"), s3_key=key,
        upload_expires_at=keys.iso(expires), requested_by=actor.username,
        requested_by_name=directory.actor_name(actor), requested_at=keys.iso(now),
        expires_at=int((expires + PENDING_TTL).timestamp()))
    _index_photo(item)
    item.save(condition=UnitPhoto.pk.does_not_exist())
    return {"photo": photo_view(item, with_urls=False),
            "upload": evidence.upload_form(key, body["content_type"], body["size"], expires)}


# ---------------------------------------------------------------- verifying what arrived

def confirm(actor: Actor, customer_id: str, unit_id: str, photo_id: str) -> dict:
    """The client says the upload is done: verify it now (idempotent). 400 upload_rejected with
    the reason when the bytes are not what the form said (they are deleted); 409
    upload_not_found while nothing has arrived."""
    _writable_unit(actor, _get_unit(customer_id, unit_id))
    item = _get_photo(customer_id, unit_id, photo_id)
    if item is None:
        raise NotFound()
    return photo_view(verify(actor, item))


def verify(actor: Actor, item: UnitPhoto) -> UnitPhoto:
    """evidence.verify_upload: the sequence every upload of the app shares."""
    return evidence.verify_upload(
        item, lambda pending, _checked: _settle(actor, pending),
        lambda sha256: thumb_key(item.outlet, item.unit_id, item.id, sha256),
        "UnitPhotos", {"unit": item.unit_id, "photo": item.id, "category": item.category})


def _settle(actor: Actor, item: UnitPhoto) -> UnitPhoto:
    """The verdict the photo carries and the unit's audit event in one transaction, only if the
    photo is still the pending version that was read. Returns `item` when this write won, else
    the verdict that stands. A rejected photo goes with the pending ones (TTL); the unit's audit
    event keeps the rejection."""
    if item.status == "verified":
        action = "photo_added"
        data = {"photo_id": item.id, "category": item.category, "sha256": item.sha256,
                "size": item.size, "content_type": item.declared_type,
                "taken_at": item.taken_at, "gps": item.gps}
    else:
        item.expires_at = int((keys.utc_now() + PENDING_TTL).timestamp())
        action = "photo_rejected"
        data = {"photo_id": item.id, "category": item.category, "reason": item.reject_reason,
                "size": item.size, "declared_size": int(item.declared_size),
                "declared_type": item.declared_type}
    event = UnitEvent(id=keys.new_id("uev"), customer_id=item.customer_id, unit_id=item.unit_id,
                      at=keys.iso(keys.utc_now()), action=action,
                      actor_username=actor.username, actor_name=directory.actor_name(actor),
                      actor_role=actor.role, data=data)
    _index_photo(item)
    _index_event(event)
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(item, condition=UnitPhoto.status == "pending")
            tx.save(event, condition=UnitEvent.pk.does_not_exist())
    except TransactWriteError as error:
        if not cancelled_at(error, 0):
            raise
        current = _get_photo(item.customer_id, item.unit_id, item.id)
        if current is None:
            raise NotFound() from None
        return current
    return item
