"""What the inbox answers (OpenAPI components)."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, STR, enum, nullable, obj, page_of, ref
from chalicelib.modules.notifications.domain.handoffs import NOTICES

SCHEMAS: dict[str, dict] = {
    "Notification": obj({
        "id": STR, "at": STR,
        # a deadline's escalation level, as the SLA policy names it (warning...), or "handoff"
        "level": STR,
        "clock": nullable(ref("ClockName")),  # a deadline's clock; null on a hand-off notice
        # a hand-off notice's kind (or another area's work notice); null on a deadline's
        "notice": nullable({"anyOf": [enum(NOTICES), ref("PartsNotice"),
                                      ref("ComplaintNotice"), ref("TechnicianNotice"),
                                      ref("FeesNotice"), ref("ContractNotice")]}),
        # the subject of any kind (order_id and number: names from when only work orders had
        # deadlines); subject_kind a registered kind ("work_order"), link the SPA's path of it
        "order_id": STR, "number": STR, "subject_kind": STR, "subject_id": STR, "link": STR,
        "title": STR, "body": STR,  # in the caller's language
        "read": BOOL}),
    "NotificationPage": page_of("Notification"),
    "UnreadCount": obj({"count": INT}),
}
