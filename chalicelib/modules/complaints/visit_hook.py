"""Return visits can raise complaints (顾客意见调查卡): a "yes" to a conduct question (did staff
ask for gifts or money, tips, meals?) or an overall score at or below the outlet's low-score
threshold drafts a complaint against the order's technician, in the return visit's own
transaction. The draft's key is the order's, written only if absent: a retried request never
makes a second (docs/complaints.md)."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from chalicelib.kernel import hooks
from chalicelib.modules.complaints import keys, usecases
from chalicelib.modules.complaints.models import Complaint
from chalicelib.modules.orders import public as orders
from chalicelib.modules.sla import public as sla

AREA = "complaints"


def _exists(order_id: str) -> bool:
    """The order already has its draft (one per order, whatever happened to it since)."""
    try:
        Complaint.get(keys.complaint_pk(keys.visit_draft_id(order_id)), keys.SK,
                      consistent_read=True)
    except DoesNotExist:
        return False
    return True


def _draft(ctx: hooks.ActionContext) -> hooks.Writes | None:
    order = ctx.subject
    entries = usecases.draft_from_visit(order, ctx.data,
                                        sla.low_score_threshold_for(order.outlet), ctx.now)
    if not entries or _exists(order.id):
        return None
    return hooks.Writes(items=entries)


def register() -> None:
    hooks.on(orders.KIND, ["return_visit"], area=AREA, record=_draft)
