"""Field evidence use cases: hand out an upload form, verify what arrived, show it.

The browser uploads straight to S3 with a presigned POST; the API never carries the bytes. S3
is asked to enforce the type, the declared size and the expiry, but moto does not and a client
may lie about the type, so every upload is checked again by the app — on the client's confirm
call and on the S3 event — before it counts: the key, the size, the magic number, the time it
arrived. What fails is recorded as rejected on the order's timeline and deleted (every S3
version of it).

The verdict is the guard: it is written conditionally on the pending item that was read, and
only the caller whose write won touches the key's S3 versions afterwards — the rejecter deletes
them all, the verifier deletes every version but the one it pinned. A caller that lost (a
concurrent confirm, the S3 event, a replay of it) deletes nothing, so a verified object's bytes
can never be removed by a late rejection.
"""

from __future__ import annotations

from datetime import timedelta

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.config import settings
from chalicelib.kernel.errors import (
    Forbidden,
    InvalidTransition,
    NotFound,
    UploadNotFound,
    UploadRejected,
    ValidationFailed,
)
from chalicelib.kernel.observability import count, logger
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.modules.directory import public as directory
from chalicelib.modules.evidence import checks, store
from chalicelib.modules.evidence.domain import rules
from chalicelib.modules.evidence.models import Attachment
from chalicelib.modules.orders import public as orders
from chalicelib.modules.orders.public import OrderEvent, WorkOrder, assignees, ensure_order_readable
from chalicelib.modules.sla import public as sla

STAFF_ROLES = ("agent", "manager", "support", "warehouse")  # the outlet's own staff
PENDING_TTL = timedelta(days=1)  # an unconfirmed upload slot is forgotten after this

# ---------------------------------------------------------------- who and when

def may_upload(actor: Actor, order: WorkOrder) -> bool:
    """Staff of the order's outlet and its technicians (lead or helper); not head office."""
    if actor.outlet != order.outlet:
        return False
    if actor.role == "technician":
        return actor.username in assignees(order)
    return actor.role in STAFF_ROLES


def upload_kinds(actor: Actor, order: WorkOrder) -> list[str]:
    if not may_upload(actor, order):
        return []
    return [k for k in rules.KINDS if order.state in rules.STATES_OF_KIND[k]]


def policy_for(outlet: str) -> dict:
    return sla.evidence_policy_for(outlet)


def summary(actor: Actor, order: WorkOrder, attachments: list[Attachment]) -> dict:
    """What the order page shows about evidence: what may be uploaded, what is still missing."""
    policy = policy_for(order.outlet)
    counts = rules.photo_counts(attachments)
    kinds = upload_kinds(actor, order)
    return {"can_upload": bool(kinds), "upload_kinds": kinds,
            "required": rules.requirements(policy, counts),
            "missing": rules.missing(policy, counts),
            "signature_required": bool(policy.get("signature_required")),
            # whether the caller's acceptance must carry the customer's signature
            "signature_required_of_me": rules.signature_needed(policy, actor.role),
            "max_bytes": settings().max_upload_bytes}


# ---------------------------------------------------------------- views

def signer_of(item: Attachment, order: WorkOrder | None) -> str | None:
    """Who signed a signature: the customer named by the acceptance that carries it (the
    technician only held the device)."""
    if order is None or item.evidence_kind != "signature":
        return None
    acceptance = (order.steps or {}).get("acceptance") or {}
    return acceptance.get("customer_name") if acceptance.get("signature_id") == item.id else None


def attachment_view(item: Attachment, with_urls: bool = True,
                    order: WorkOrder | None = None) -> dict:
    return {"id": item.id, "order_id": item.order_id, "kind": item.evidence_kind,
            **checks.upload_view(item, item.content_type or item.declared_type, with_urls),
            "signed_by": signer_of(item, order)}


def views(attachments: list[Attachment], order: WorkOrder | None = None) -> list[dict]:
    return [attachment_view(a, order=order) for a in attachments if a.status == "verified"]


# ---------------------------------------------------------------- the upload form

def _readable_order(actor: Actor, order_id: str) -> WorkOrder:
    order = orders.get_order(order_id)
    if order is None:
        raise NotFound()
    ensure_order_readable(actor, order)
    return order


def request_upload(actor: Actor, order_id: str, body: dict) -> dict:
    """A pending attachment and the presigned form to upload its bytes (valid ≤ 10 minutes).

    `body` is valid by SLOT_SCHEMA (validated by the kernel as the route's body, or written by
    trusted code: the demo seed); what the schema cannot say (the category and type allowed
    for the kind, the size limit of the deployment) is checked here."""
    kind = body["kind"]
    fields = {}
    if body["category"] not in rules.CATEGORIES_OF_KIND[kind]:
        fields["category"] = ("enum", {"choices": ", ".join(rules.CATEGORIES_OF_KIND[kind])})
    if body["content_type"] not in rules.TYPES_OF_KIND[kind]:
        fields["content_type"] = ("enum", {"choices": ", ".join(rules.TYPES_OF_KIND[kind])})
    try:  # S3 judges the form's expiry by the wall clock, not by the app's business clock
        expires = checks.form_expiry(body["size"], wall_now())
    except ValidationFailed as refused:  # beyond the deployment's limit: named with the others
        fields.update(refused.fields)
    if fields:
        raise ValidationFailed(fields=fields)

    order = _readable_order(actor, order_id)
    if not may_upload(actor, order):
        raise Forbidden()
    if order.state not in rules.states_of(kind, body["category"]):
        raise InvalidTransition(state=order.state, action=f"upload_{kind}")

    now = keys.utc_now()
    attachment_id = keys.new_id("att")
    key = store.upload_key(order.outlet, order.id, attachment_id)
    item = Attachment(
        id=attachment_id, order_id=order.id, outlet=order.outlet, evidence_kind=kind,
        category=body["category"], status="pending", declared_type=body["content_type"],
        declared_size=body["size"], filename=body.get("filename"), s3_key=key,
        requested_by=actor.username, requested_by_name=directory.actor_name(actor),
        requested_at=keys.iso(now), upload_expires_at=keys.iso(expires),
        expires_at=int((expires + PENDING_TTL).timestamp()),
    )
    store.create_attachment(item)
    return {"attachment": attachment_view(item, with_urls=False),
            "upload": checks.upload_form(key, body["content_type"], body["size"], expires)}


wall_now = keys.wall_now  # a name of this module: a test holds the form's clock here
# (the wall clock: tests and the demo history move the business clock, S3 and boto3 do not)


# ---------------------------------------------------------------- verifying what arrived

def confirm(actor: Actor, order_id: str, attachment_id: str) -> dict:
    """The client says the upload is done: verify it now (idempotent)."""
    order = _readable_order(actor, order_id)
    item = store.get_attachment(order.id, attachment_id)
    if item is None or not may_upload(actor, order) and item.requested_by != actor.username:
        raise NotFound()
    return attachment_view(verify(item, order))


def get(actor: Actor, order_id: str, attachment_id: str) -> dict:
    order = _readable_order(actor, order_id)
    item = store.get_attachment(order.id, attachment_id)
    if item is None or item.status != "verified":
        raise NotFound()
    return attachment_view(item, order=order)


def list_for(actor: Actor, order_id: str) -> dict:
    found = orders.get_order_with_items(order_id)
    if found is None:
        raise NotFound()
    ensure_order_readable(actor, found.order)
    return {"items": views(found.items.of(Attachment), found.order)}


def verify(item: Attachment, order: WorkOrder | None = None,
           version_id: str | None = None) -> Attachment:
    """Check the object of a pending attachment and settle it: verified, or rejected and deleted
    (checks.verify_upload, the sequence every upload of the app shares).

    Checks the key's latest version, or exactly `version_id` (the S3 event names the version
    it is about). Raises UploadNotFound while nothing is there, UploadRejected when the bytes
    are refused (or were refused before); later bytes of a settled slot go with their own S3
    event.
    """
    return checks.verify_upload(
        item, lambda pending, _checked: _settle(pending, order),
        lambda sha256: store.thumb_key(item.outlet, item.order_id, item.id, sha256),
        "Attachments", {"order": item.order_id, "attachment": item.id,
                        "category": item.category}, version_id)


def _settle(item: Attachment, order: WorkOrder | None) -> Attachment:
    """Write the verdict the item carries (verified, or rejected: the key's S3 versions are
    deleted only if this verdict won; none of them can be pinned by a verified verdict) and its
    timeline event, conditionally on the pending item that was read. Returns `item` when this
    write won, else the verdict that stands (written first by another confirmation or the S3
    event)."""
    if item.status == "verified":
        item.content_type = item.declared_type
        action = "attachment_added"
        data = {"attachment_id": item.id, "kind": item.evidence_kind,
                "category": item.category, "sha256": item.sha256, "size": item.size,
                "content_type": item.content_type, "taken_at": item.taken_at, "gps": item.gps}
    else:
        item.expires_at = None
        action = "attachment_rejected"
        data = {"attachment_id": item.id, "kind": item.evidence_kind,
                "category": item.category, "reason": item.reject_reason, "size": item.size,
                "declared_size": int(item.declared_size), "declared_type": item.declared_type}
    order = order or orders.get_order(item.order_id)
    at = keys.iso(keys.utc_now())
    event = OrderEvent(
        id=keys.new_id("ev"), order_id=item.order_id, at=at, action=action,
        actor_username=item.requested_by, actor_name=item.requested_by_name,
        actor_role="system" if action == "attachment_rejected" else _role_of(item),
        from_state=order.state if order else None, to_state=order.state if order else "",
        data=data, order_version=int(order.version) if order else 0)
    try:
        store.settle_attachment(item, event)
    except VersionConflict:
        current = store.get_attachment(item.order_id, item.id)
        if current is None:
            raise NotFound() from None
        return current
    return item


def _role_of(item: Attachment) -> str:
    person = directory.staff(item.requested_by)
    return person.role if person else "unknown"


# ---------------------------------------------------------------- the S3 event

def on_uploaded(key: str, version_id: str | None = None) -> str:
    """S3 says an object was created under uploads/: verify it, or remove it when it belongs to
    no upload form of ours (a key outside any slot, or a second upload to a settled slot).
    Returns what was done (for the log and the tests). A key outside uploads/ is not an
    order's (the warranty area's unit photos live under unit-photos/, the app's own files
    elsewhere): it is left alone."""
    if not key.startswith(store.UPLOAD_PREFIX):
        return "ignored"
    ref = store.parse_upload_key(key)
    item = store.get_attachment(ref.order_id, ref.attachment_id) if ref else None
    if item is None or item.s3_key != key or (ref and item.outlet != ref.outlet):
        store.delete_all_versions(key)
        logger.warning("stray upload deleted", extra={"key": key})
        count("StrayUploadsDeleted")
        return "deleted_stray"
    if item.status == "verified":
        if version_id and version_id != item.s3_version_id:
            store.delete_version(key, version_id)  # a replayed form must not add bytes
            return "deleted_replay"
        return "already_verified"
    if item.status == "rejected":
        store.delete_all_versions(key)  # a rejected slot keeps no bytes: nothing is pinned
        return "deleted_replay"
    try:
        settled = verify(item, version_id=version_id)
    except UploadRejected:
        return "rejected"
    except UploadNotFound:
        return "not_found"
    if settled.s3_version_id != version_id and version_id:
        # verified meanwhile from another version (the confirm read the latest): this one is
        # not what the verdict pinned
        store.delete_version(key, version_id)
        return "deleted_replay"
    return "verified"
