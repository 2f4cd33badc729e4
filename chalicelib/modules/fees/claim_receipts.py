"""A travel claim's receipts (原始凭证: 发票、车票、住宿单…), uploaded by its claimant while the
claim is a draft, as a photo or a PDF; a line names its receipts by id (claims.py), and a
claim is submitted only with each line's receipts verified (docs/fees.md "Travel claims").

The browser uploads straight to S3 with a presigned POST, as for an order's evidence and a
certificate's scan, and the bytes are checked by the evidence area's check when the client
confirms (evidence.public.verify_upload: arrival time, size, magic number; a photo's
thumbnail). What fails is rejected and deleted. A good receipt is settled `verified` in one
transaction with the claim's `receipt_added` event and the claim's id ADDed to the marker of
its bytes at the outlet (RCPTSHA#<outlet>#<sha256> / RCPT: which claims verified that file, read
to flag a file claimed twice), only while the claim is still a draft (a check of the claim: else
409 claim_not_draft) and the receipt still the pending one read.

A claim holds at most MAX_RECEIPTS receipt items, whatever their status: a rejected or expired
upload form counts until its TTL removes it (a day after), so the claim's partition, read whole
on every view of it, stays bounded.

S3 layout (the attachments bucket), outside `uploads/`, which the evidence area's S3-event
handler watches for orders' uploads:
  claim-receipts/<outlet>/<claim>/<receipt>                 what the browser uploaded
  thumbs/claim-receipts/<outlet>/<claim>/<receipt>-<sha>.jpg  a photo's thumbnail
Items: CLAIM#<claim> / RCPT#<receipt>, RCPTSHA#<outlet>#<sha256> / RCPT (keys.py).
"""

from __future__ import annotations

from datetime import timedelta

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import Forbidden, NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import (
    Check,
    Update,
    cancelled_at,
    positions,
    refused,
    write_all,
)
from chalicelib.modules.directory import public as directory
from chalicelib.modules.evidence import public as evidence
from chalicelib.modules.fees import keys
from chalicelib.modules.fees.claim_models import Claim, ClaimReceipt, ClaimReceiptMark
from chalicelib.modules.fees.claims import (
    CLAIMS,
    ClaimNotDraft,
    mark_identity,
    own_draft,
    readable,
    receipt_view,
)

PENDING_TTL = timedelta(days=1)  # an unconfirmed or rejected receipt item is forgotten after this
MAX_RECEIPTS = 100  # receipt items of one claim, whatever their status (until their TTL)


def _get(claim_id: str, receipt_id: str) -> ClaimReceipt | None:
    try:
        return ClaimReceipt.get(keys.claim_pk(claim_id), keys.receipt_sk(receipt_id),
                                consistent_read=True)
    except DoesNotExist:
        return None


def request_upload(actor: Actor, claim_id: str, body: dict) -> dict:
    """A pending receipt and the presigned form to upload its bytes (the claimant, while the
    claim is a draft)."""
    expires = evidence.form_expiry(body["size"])
    claim, collection = readable(actor, claim_id)  # the claim, its lines and its receipts
    own_draft(actor, claim)
    if len(collection.of(ClaimReceipt)) >= MAX_RECEIPTS:  # every item the partition holds
        raise ValidationFailed(fields={"file": ("too_many_receipts", {"limit": MAX_RECEIPTS})})
    receipt_id = kernel_keys.new_id("rct")
    key = keys.receipt_object_key(claim.outlet, claim.id, receipt_id)
    receipt = ClaimReceipt(
        id=receipt_id, claim_id=claim.id, outlet=claim.outlet, status="pending",
        declared_type=body["content_type"], declared_size=body["size"],
        filename=(body.get("file_name") or "").strip() or None, s3_key=key,
        upload_expires_at=kernel_keys.iso(expires), requested_by=actor.username,
        requested_by_name=directory.actor_name(actor),
        requested_at=kernel_keys.iso(kernel_keys.utc_now()),
        expires_at=int((expires + PENDING_TTL).timestamp()))
    keys.index_receipt(receipt)
    receipt.save(condition=ClaimReceipt.pk.does_not_exist())
    return {"receipt": receipt_view(receipt, links=False),
            "upload": evidence.upload_form(key, body["content_type"], body["size"], expires)}


def confirm(actor: Actor, claim_id: str, receipt_id: str) -> dict:
    """The client says the upload is done: verify it and settle it (idempotent). 400
    upload_rejected with the reason when the bytes are not what the form said (deleted); 409
    upload_not_found while nothing has arrived; 409 claim_not_draft once submitted."""
    claim = CLAIMS.readable_item(actor, claim_id)
    if claim.claimant != actor.username:
        raise Forbidden()
    receipt = _get(claim.id, receipt_id)
    if receipt is None:
        raise NotFound()
    if receipt.status == "pending":
        own_draft(actor, claim)  # a verdict given stands; a new one only on a draft
    verified = evidence.verify_upload(
        receipt, lambda pending, _checked: _settle(actor, claim, pending),
        lambda sha256: keys.receipt_thumb_key(claim.outlet, claim.id, receipt.id, sha256),
        "ClaimReceipts", {"claim": claim.id, "receipt": receipt.id})
    return receipt_view(verified)


def _settle(actor: Actor, claim: Claim, receipt: ClaimReceipt) -> ClaimReceipt:
    """The verdict the receipt carries (and, verified, the claim's `receipt_added` event and
    its id ADDed to the marker of the file's bytes, while the claim is a draft) in one
    transaction, only if the receipt is still the pending one read. Returns `receipt` when this
    write won, else the verdict that stands."""
    at = kernel_keys.iso(kernel_keys.utc_now())
    keys.index_receipt(receipt)
    entries: list = [(receipt, ClaimReceipt.status == "pending")]
    if receipt.status == "verified":
        entries += [CLAIMS.event(actor, claim, "receipt_added", claim.state, {
            "receipt_id": receipt.id, "content_type": receipt.declared_type,
            "size": int(receipt.size), "sha256": receipt.sha256}, at),
            Check(Claim, claim.pk, claim.sk, Claim.state == "draft"),
            Update(ClaimReceiptMark(*keys.receipt_mark_key(claim.outlet, receipt.sha256)),
                   [ClaimReceiptMark.claims.add({claim.id}),
                    *mark_identity(claim.outlet, receipt.sha256)])]
    else:
        receipt.expires_at = int((kernel_keys.utc_now() + PENDING_TTL).timestamp())
    places = positions(entries)
    try:
        write_all(entries)
    except TransactWriteError as error:
        if not refused(error):
            raise
        current = _get(receipt.claim_id, receipt.id)
        if current is None:
            raise NotFound() from None
        if current.status != "pending" and cancelled_at(error, places[0]):
            return current  # another confirmation's verdict stands
        if len(entries) > 2 and cancelled_at(error, places[2]):
            raise ClaimNotDraft() from None  # submitted meanwhile
        raise StaleVersion() from None
    return receipt
