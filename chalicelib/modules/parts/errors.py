"""The spare-parts area's refusals with codes of their own (texts: MESSAGES, in the envelope)."""

from __future__ import annotations

from chalicelib.kernel.errors import Forbidden, InvalidTransition
from chalicelib.modules.parts.ledger import InsufficientStock


class DuplicatePart(InvalidTransition):
    """A part code the catalogue holds already (409)."""

    code = "duplicate_part"


class RequisitionNotApproved(InvalidTransition):
    """An issue before the requisition is approved (409)."""

    code = "requisition_not_approved"


class PartUsed(InvalidTransition):
    """A return of parts recorded as used in the repair (409): 维修工单中已出库并使用的备件,拒绝退库."""

    code = "part_used"


class PartNotIssued(InvalidTransition):
    """A completion naming a part that was not issued to the order (409)."""

    code = "part_not_issued"


class OwnRequisition(Forbidden):
    """A keeper issuing to a requisition of their own or of an order they work on (403)."""

    code = "own_requisition"


MESSAGES = {
    "duplicate_part": {"zh": "目录中已有该配件编码", "en": "The catalogue already has this part code"},
    "insufficient_stock": {"zh": "库存不足", "en": "Not enough stock"},
    # the field's own text names the part and the figures
    "stock_short": {"zh": "配件 {code} 库存不足：现有 {have}，需要 {wanted}",
                    "en": "Not enough of part {code}: {have} on hand, {wanted} wanted"},
    "unknown_part": {"zh": "目录中没有配件 {code}", "en": "No part {code} in the catalogue"},
    "requisition_not_approved": {"zh": "领用申请尚未批准，不能发料",
                                 "en": "The requisition is not approved yet; nothing can be issued"},
    "part_used": {"zh": "已记录为维修使用的配件不能退库",
                  "en": "Parts recorded as used in the repair cannot be returned"},
    "part_not_issued": {
        "zh": "该配件未对本工单发料（可请经理登记例外）",
        "en": "This part was not issued to the order (a manager may record an exception)"},
    "own_requisition": {"zh": "不能给自己申请或参与的工单发料",
                        "en": "You cannot issue parts to your own requisition or an order you work on"},
    "order_not_open": {"zh": "见单发料：须有进行中的工单",
                       "en": "Parts are issued only against an open work order"},
}

__all__ = ["MESSAGES", "DuplicatePart", "InsufficientStock", "OwnRequisition", "PartNotIssued",
           "PartUsed", "RequisitionNotApproved"]
