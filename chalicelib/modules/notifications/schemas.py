"""What the inbox answers (OpenAPI components)."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, STR, obj, page_of, ref

SCHEMAS: dict[str, dict] = {
    "Notification": obj({
        "id": STR, "at": STR,
        "level": STR,  # the escalation level's name, as the SLA policy names it (warning...)
        "clock": ref("ClockName"),
        # the subject of any kind (order_id and number: names from when only work orders had
        # deadlines); subject_kind a registered kind ("work_order"), link the SPA's path of it
        "order_id": STR, "number": STR, "subject_kind": STR, "subject_id": STR, "link": STR,
        "title": STR, "body": STR,  # in the caller's language
        "read": BOOL}),
    "NotificationPage": page_of("Notification"),
    "UnreadCount": obj({"count": INT}),
}
