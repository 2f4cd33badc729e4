"""The monthly complaint rate as the API answers it (OpenAPI components; rate.py)."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, NNUM, NSTR, STR, array, enum, free_form, nullable, obj, ref
from chalicelib.modules.complaints.domain import lifecycle as rules
from chalicelib.modules.complaints.vocabulary import VOCABULARY

IDS = array(STR)  # the ids of the valid complaints behind a figure (see `items`)

SCHEMAS: dict[str, dict] = {
    "ComplaintRateItem": obj({
        "id": STR, "number": NSTR, "outlet": STR, "kind": enum(rules.KINDS),
        "group": enum(rules.GROUPS), "department": NSTR,
        "valid": nullable(BOOL),  # null: not judged yet
        "state": enum(rules.STATES), "received_at": STR}),
    "ComplaintRateKind": obj({"received": INT, "valid": INT, "items": IDS}),
    "ComplaintRateDepartment": obj({"valid": INT, "name": STR, "items": IDS}),
    "ComplaintRate": obj({
        "month": STR, "scope": STR,  # an outlet's code or NETWORK
        "received": INT, "valid": INT, "unfounded": INT, "pending": INT, "discarded": INT,
        "accepted_orders": INT,
        "rate": NNUM,  # valid ÷ accepted_orders; null without accepted orders
        "by_kind": obj({kind: ref("ComplaintRateKind") for kind in rules.KINDS}, required=[]),
        "by_department": free_form("keyed by the department codes of head office's complaint "
                                   "settings", ref("ComplaintRateDepartment")),
        "items": array(ref("ComplaintRateItem")),
        "generated_at": STR,
        "runs": INT,  # how often the job built the month (0: built for this answer only)
    }),
    # the inbox notices the complaints area writes (the Notification's `notice`)
    "ComplaintNotice": enum(VOCABULARY["notice"]),
}
