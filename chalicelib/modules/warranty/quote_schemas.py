"""What the quote answers (OpenAPI components), the customer's decision through a link (request
body), and the texts of the quote's error codes."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, NSTR, NUM, STR, array, enum, nullable, obj, ref
from chalicelib.kernel.validation import MAX_SHORT, MAX_TEXT, MULTILINE
from chalicelib.modules.warranty.domain import quotes as rules
from chalicelib.modules.warranty.domain.terms import PRICE_ITEMS

# what the area writes on an order's timeline besides the lifecycle actions' events
TIMELINE_EVENTS = ("quote_link_sent",)
CONFIRM_METHODS = ("signature", "phone", "link")
TOKEN = {"type": "string", "pattern": r"^[A-Za-z0-9_-]{43}$",
         "description": "the token of a quote link (/q/<token>)"}

_LINE = {
    "index": INT, "kind": enum(rules.KINDS), "description": NSTR, "component": NSTR,
    # a quantity (hours, km, pieces; at most 2 decimals), not money
    "quantity": NUM, "unit_price_fen": INT, "amount_fen": INT,
    # what covers the line (the coverage decision's, else the order's): free when warranty or
    # contract; a waived line is free too
    "coverage": nullable(ref("Coverage")), "covered": BOOL, "waive": BOOL, "charge_fen": INT,
}
_WHO = {"by": NSTR, "by_name": NSTR, "at": STR}  # by null: the customer through a link

SCHEMAS: dict[str, dict] = {
    "QuoteEvent": enum(TIMELINE_EVENTS),
    "QuoteLine": obj({**_LINE, "quantity_hundredths": INT, "list_price_fen": INT,
                      "needs_approval": nullable(enum(rules.APPROVAL_REASONS))}),
    "Quote": obj({
        "revision": INT, "state": enum(rules.STATES), "lines": array(ref("QuoteLine")),
        # the server's sums in fen: the work at the quoted prices, what the customer pays, and
        # what is free (warranty, contract, waived)
        "total_fen": INT, "charge_fen": INT, "free_fen": INT,
        "approval_reasons": array(enum(rules.APPROVAL_REASONS)),
        "valid_until": NSTR, "expired": BOOL, "coverage_changed": BOOL,
        "approval": nullable(obj({**_WHO, "note": NSTR})),
        "confirmation": nullable(obj({**_WHO, "method": enum(CONFIRM_METHODS),
                                      "customer_name": STR, "confirmed_at": NSTR,
                                      "attachment_id": NSTR, "note": NSTR})),
        "refusal": nullable(obj({**_WHO, "method": enum(["staff", "link"]),
                                 "customer_name": NSTR, "note": NSTR})),
        "release": nullable(obj({**_WHO, "reason": STR})),
        "created_at": NSTR, "created_by": NSTR, "created_by_name": NSTR, "updated_at": STR,
        "pdf_url": NSTR,
    }),
    # the prices a quote starts from: the unit's model template (model null: the default)
    "PriceList": obj({"model": NSTR, "prices": obj({item: INT for item in PRICE_ITEMS})}),
    "QuoteLinkCreated": obj({"url": STR, "expires_at": STR}),
    "PublicQuoteLine": obj(_LINE),
    "PublicQuote": obj({
        "order_number": STR, "outlet_name": STR, "outlet_phone": NSTR, "equipment_label": NSTR,
        "revision": INT, "state": enum(rules.STATES), "lines": array(ref("PublicQuoteLine")),
        "total_fen": INT, "charge_fen": INT, "free_fen": INT, "valid_until": NSTR,
        "expired": BOOL, "decided": BOOL, "link_expires_at": STR,
    }),
}

DECISION_SCHEMA = {
    "type": "object",
    "properties": {
        "customer_name": {"type": "string", "minLength": 1, "maxLength": MAX_SHORT},
        "decision": {"type": "string", "enum": ["confirm", "refuse"]},
        "note": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, MULTILINE: True},
    },
    "required": ["customer_name", "decision"],
    "additionalProperties": False,
}

MESSAGES = {
    "quote_not_confirmed": {"zh": "有偿工单须客户确认报价（或总经理特批）后才能派工",
                            "en": "A paid order is dispatched only after the customer confirms "
                                  "the quote (or head office releases it)"},
    "quote_needs_approval": {"zh": "报价含超过标准价两倍、低于标准价或减免的项目，须经理审批后才能交客户确认",
                             "en": "The quote has a line above twice the list price, below it or "
                                   "waived: a manager must approve it before the customer decides"},
    "no_quote": {"zh": "该工单还没有报价", "en": "This order has no quote yet"},
    "quote_not_pending": {"zh": "该报价无需审批或已审批", "en": "This quote is not awaiting approval"},
    "quote_decided": {"zh": "客户已对该报价作出决定", "en": "The customer has decided on this quote already"},
    "quote_not_refused": {"zh": "只有客户拒绝的报价才能由总经理特批放行",
                          "en": "Head office releases only a quote the customer refused"},
    "quote_expired": {"zh": "报价已过有效期，请重新报价",
                      "en": "The quote is past its validity; make a new revision"},
    "quote_link_used": {"zh": "该链接已使用过", "en": "This link has been used already"},
    "quote_link_superseded": {"zh": "报价已更新，该链接已失效，请联系服务网点索取新链接",
                              "en": "The quote has changed since this link was sent; ask the "
                                    "outlet for a new link"},
    # field codes
    "decimals": {"zh": "最多 {limit} 位小数", "en": "must have at most {limit} decimals"},
    "list_price_from_template": {"zh": "此类项目按收费标准表定价，不能填写标准价",
                                 "en": "is taken from the price list for this kind of line"},
    "not_quote_signature": {"zh": "不是本工单已上传的客户确认报价签字",
                            "en": "is not a customer's quote signature uploaded to this order"},
    "not_past": {"zh": "不能早于今天", "en": "must not be before today"},
}
