"""Field evidence (现场证据): what may be uploaded to an order, when, and what completion needs.

Pure rules: the allowlist of content types and the magic numbers that prove them, the photo
categories, the order states that take each kind of evidence, and the policy check that the
required photos are there before the repair is reported complete.
"""

from __future__ import annotations

PHOTO_CATEGORIES = ("before", "fault", "nameplate", "site", "after")
KINDS = ("photo", "document", "signature")
# "signature": the customer's at acceptance; "quote_signature": the customer's confirmation of
# a quote (费用通知) before anyone is sent
CATEGORIES = (*PHOTO_CATEGORIES, "document", "signature", "quote_signature")

IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/heic")
CONTENT_TYPES = (*IMAGE_TYPES, "application/pdf")
TYPES_OF_KIND = {
    "photo": IMAGE_TYPES,
    "document": ("application/pdf", *IMAGE_TYPES),
    "signature": ("image/png",),
}
CATEGORIES_OF_KIND = {"photo": PHOTO_CATEGORIES, "document": ("document",),
                      "signature": ("signature", "quote_signature")}

# The states in which an order takes evidence: from intake (the customer's photo of the fault
# or of the warranty card, the document behind a warranty exclusion) to acceptance, and while
# on hold. A signature is given only at acceptance.
EVIDENCE_STATES = ("received", "dispatched", "contacted", "on_site", "surveyed",
                   "plan_submitted", "in_repair", "repaired", "rework", "on_hold")
STATES_OF_KIND = {"photo": EVIDENCE_STATES, "document": EVIDENCE_STATES,
                  "signature": ("repaired",)}
# A category taken in other states than its kind: the customer signs a quote from intake on,
# while it can still be confirmed (until acceptance).
QUOTE_SIGNATURE_STATES = ("received", "dispatched", "contacted", "on_site", "surveyed",
                          "plan_submitted", "in_repair", "repaired", "rework", "on_hold")
STATES_OF_CATEGORY = {"quote_signature": QUOTE_SIGNATURE_STATES}


def states_of(kind: str, category: str) -> tuple[str, ...]:
    """The order states in which an attachment of this kind and category may be uploaded."""
    return STATES_OF_CATEGORY.get(category, STATES_OF_KIND[kind])

# HEIF brands written by phones (iPhone: heic / mif1; some Android: heix, hevc).
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")
SNIFF_BYTES = 32  # enough of the head of a file to tell every allowed type


def sniff(head: bytes) -> str | None:
    """The content type that the first bytes prove, or None (not an allowed type)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "image/heic"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def check_upload(declared: str, head: bytes, size: int, max_bytes: int) -> str | None:
    """Why an uploaded object must be refused (a reason code), or None when it is what it says."""
    if size <= 0:
        return "empty"
    if size > max_bytes:
        return "too_large"
    found = sniff(head)
    if found is None:
        return "type_not_allowed"
    if found != declared:
        return "type_mismatch"
    return None


DEFAULT_EVIDENCE_POLICY = {
    "required_photos": [{"category": "after", "min": 1}],
    "signature_required": True,
}
EVIDENCE_POLICY_SCHEMA = {
    "type": "object",
    "properties": {
        "required_photos": {
            "type": "array", "maxItems": len(PHOTO_CATEGORIES),
            "items": {"type": "object",
                      "properties": {"category": {"enum": list(PHOTO_CATEGORIES)},
                                     "min": {"type": "integer", "minimum": 1, "maximum": 20}},
                      "required": ["category", "min"], "additionalProperties": False}},
        "signature_required": {"type": "boolean"},
    },
    "required": ["required_photos", "signature_required"],
    "additionalProperties": False,
}


def photo_counts(attachments) -> dict[str, int]:
    """Verified photos per category."""
    counts: dict[str, int] = {}
    for a in attachments:
        if a.evidence_kind == "photo" and a.status == "verified":
            counts[a.category] = counts.get(a.category, 0) + 1
    return counts


def requirements(policy: dict, counts: dict[str, int]) -> list[dict]:
    """Each required category with how many photos it needs and has."""
    return [{"category": r["category"], "min": int(r["min"]), "have": counts.get(r["category"], 0)}
            for r in policy.get("required_photos", [])]


def missing(policy: dict, counts: dict[str, int]) -> list[str]:
    """The categories that still have fewer verified photos than the policy requires."""
    return [r["category"] for r in requirements(policy, counts) if r["have"] < r["min"]]


# What a browser asks for to upload one file (the body of POST …/attachments)
SLOT_SCHEMA = {
    "type": "object",
    "properties": {
        "kind": {"enum": list(KINDS)},
        "category": {"enum": list(CATEGORIES)},
        "content_type": {"enum": list(CONTENT_TYPES)},
        "size": {"type": "integer", "minimum": 1},
        "filename": {"type": "string", "minLength": 1, "maxLength": 200},
    },
    "required": ["kind", "category", "content_type", "size"],
    "additionalProperties": False,
}


def signature_needed(policy: dict, role: str) -> bool:
    """Whether an acceptance recorded by this role must carry the customer's signature: on
    site (a technician records it) when the policy says so; an agent recording an acceptance
    given by phone has no signature to show."""
    return role == "technician" and bool(policy.get("signature_required"))
