"""The fees area's travel claim items in the one table (docs/fees.md "Travel claims",
docs/data-model.md). Keys: fees/keys.py. One partition per claim, read in one query:

    CLAIM#<id> / CLAIM                 the claim (差旅费报销单), versioned, compact: what lists
                                       show (its item is copied into up to 4 indexes); gsi1 its
                                       claimant's, gsi2 its outlet's, gsi3 its outlet's in its
                                       state, gsi4 head office's queue (only while it waits for
                                       head office)
    CLAIM#<id> / LINES                 its lines (the detail: read with the claim, written with
                                       it), versioned
    CLAIM#<id> / RCPT#<receipt id>     a receipt (原始凭证) uploaded for it
    CLAIM#<id> / EVENT#<at>#<id>       its audit trail (kernel/subjects.py)

and, per outlet, which claims verified a receipt file's bytes:

    RCPTSHA#<outlet>#<sha256> / RCPT   the claim ids (a string set, only ever ADDed to but at a
                                       submit), read to flag a file claimed twice
"""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    VersionAttribute,
)

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item
from chalicelib.kernel.subjects import TimelineEvent
from chalicelib.modules.evidence.public import UploadFields


class Claim(Item, discriminator="fee_claim"):
    """差旅费报销单: the trip, its totals, the advance, where it stands in its approval and, once
    head office approved it, its booking against the budget. Compact: its lines are an item of
    their own (`ClaimLines`); the claim keeps what its lists need of them (totals, count, the
    distinct dates a list's `flagged` is computed from)."""

    id = UnicodeAttribute()
    number = UnicodeAttribute()  # BX-<outlet>-<yyyy>-<n>
    outlet = UnicodeAttribute()
    claimant = UnicodeAttribute()
    claimant_name = UnicodeAttribute()
    claimant_role = UnicodeAttribute()
    claimant_stars = NumberAttribute(null=True)  # a technician's star level when filed (职级)
    reason = UnicodeAttribute()
    departed_on = UnicodeAttribute()
    returned_on = UnicodeAttribute()
    budget_category = UnicodeAttribute()
    advance_fen = NumberAttribute(default=0)
    total_fen = NumberAttribute(default=0)
    by_category = Utf8JSONAttribute(default=dict)  # claim line category -> fen
    orders = Utf8JSONAttribute(default=list)  # [{id, number, type}] as linked
    line_count = NumberAttribute(default=0)
    line_dates = Utf8JSONAttribute(default=list)  # the lines' distinct dates, sorted
    state = UnicodeAttribute()  # claim_state
    submitted_at = UnicodeAttribute(null=True)
    filing_due = UnicodeAttribute(null=True)  # set at submit: returned_on + 3 working days
    late = BooleanAttribute(default=False)
    approvals = Utf8JSONAttribute(default=list)  # [{step, decision, by, by_name, at, note}]
    booking = Utf8JSONAttribute(null=True)  # {category, year, booked_fen, event_id} once approved
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class ClaimLines(Item, discriminator="fee_claim_lines"):
    """A claim's lines (UTF-8 JSON: date, from, to, category, amount_fen, mode, prior_approval,
    note, receipts), at CLAIM#<id> / LINES: written in the claim's create and in each edit that
    changes them, in the same transaction as the claim."""

    claim_id = UnicodeAttribute()
    lines = Utf8JSONAttribute(default=list)
    version = VersionAttribute()


class ClaimReceiptMark(Item, discriminator="fee_claim_receipt_mark"):
    """Which claims of an outlet verified a receipt file of these bytes (sha256): the claim's id
    ADDed in the settle transaction of each verified receipt; read to flag a line whose receipt
    another claim holds (domain/claims.py `held_elsewhere`)."""

    outlet = UnicodeAttribute()
    sha256 = UnicodeAttribute()
    claims = UnicodeSetAttribute(default=set)


class ClaimReceipt(UploadFields, Item, discriminator="fee_claim_receipt"):
    """One receipt (原始凭证: a photo or a PDF) of a claim, uploaded by its claimant while the
    claim is a draft: `pending` with its upload form (expiring by TTL), then `verified` or
    `rejected` once its bytes are checked (claim_receipts.py). A line names it by id."""

    id = UnicodeAttribute()
    claim_id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    # status, the declared and found bytes (a photo's thumbnail), TTL while pending and after a
    # rejection: evidence's UploadFields


class ClaimEvent(TimelineEvent, discriminator="fee_claim_event"):
    """An entry of a claim's audit trail (vocabulary `event`: claim_created, claim_changed,
    claim_submitted, claim_approved_manager, claim_approved, claim_rejected, receipt_added)."""

    claim_id = UnicodeAttribute()


MODELS: tuple = (Claim, ClaimLines, ClaimReceiptMark, ClaimReceipt, ClaimEvent)
