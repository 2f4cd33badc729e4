"""The fees area's payment bodies, answers (OpenAPI components) and refusal messages: payments
(收款) on an order and their hand-in to finance."""

from __future__ import annotations

from chalicelib.kernel.schemas import INT, NSTR, STR, array, enum, obj, ref
from chalicelib.kernel.validation import DATETIME, MAX_SHORT, text
from chalicelib.modules.fees.vocabulary import PAYMENT_METHODS

_REF = {"type": ["string", "null"], "minLength": 1, "maxLength": MAX_SHORT}

PAYMENT_BODY = {
    "type": "object",
    "properties": {
        "amount_fen": {"type": "integer", "minimum": 1, "maximum": 10_000_000_000},
        "method": {"type": "string", "enum": list(PAYMENT_METHODS)},
        # the transfer's, WeChat's or Alipay's transaction reference
        "reference": _REF,
        # 收款收据 number: required for cash
        "receipt_no": {**_REF, "maxLength": 64},
        # when it was collected (default: now; not in the future)
        "collected_at": DATETIME,
        "note": {**text(), "type": ["string", "null"]},
    },
    "required": ["amount_fen", "method"],
    "additionalProperties": False,
}

HAND_IN_BODY = {
    "type": "object",
    "properties": {"version": {"type": "integer", "minimum": 1, "maximum": 1_000_000_000}},
    "required": ["version"],
    "additionalProperties": False,
}

SCHEMAS: dict[str, dict] = {
    "Payment": obj({
        "id": STR, "order_id": STR, "amount_fen": INT, "method": enum(PAYMENT_METHODS),
        "reference": NSTR, "receipt_no": NSTR, "note": NSTR, "collected_by": STR,
        "collected_by_name": NSTR, "collected_at": STR,
        # cash: when it is due with finance (collected + 3 days); null for other methods
        "handin_due_at": NSTR,
        "handed_in_at": NSTR, "handed_in_by": NSTR, "handed_in_by_name": NSTR, "version": INT,
    }),
    "PaymentList": obj({"items": array(ref("Payment")), "paid_fen": INT}),
}

MESSAGES = {
    "payment_handed_in": {"zh": "该笔收款已交财务", "en": "This payment is handed in already"},
    "payment_not_cash": {"zh": "只有现金收款需要交财务", "en": "Only cash is handed in to finance"},
    "unpaid_charge": {"zh": "该工单仍有未收的费用：须收款，或由经理填写未收原因后才能归档",
                      "en": "This order has an unpaid charge: record the payment, or a manager "
                            "gives the reason it stays unpaid, before it is archived"},
}
