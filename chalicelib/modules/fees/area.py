"""Fees (售后费用): an order's fee lines — the charge to the customer and the internal cost per
line, priced as the quote is — and its final charge, payments and their hand-in to finance, and
each outlet's yearly budget by category with its overrun control (docs/fees.md)."""

from chalicelib.kernel.registry import Area
from chalicelib.modules.fees import (
    budget_models,
    budget_routes,
    budget_schemas,
    charge_models,
    charge_routes,
    charge_schemas,
    claim_models,
    claim_routes,
    claim_schemas,
    fact_models,
    payment_models,
    payment_routes,
    payment_schemas,
)
from chalicelib.modules.fees.vocabulary import VOCABULARY

ORDER_STAFF = ("agent", "manager", "support", "technician", "head_office")


def _setup() -> None:
    from chalicelib.modules.fees import cost_report, hooks

    hooks.register()
    cost_report.register()  # the cost sheets 费用 and 费用明细 of the monthly report


AREA = Area(
    name="fees",
    blueprints=(charge_routes.bp, payment_routes.bp, budget_routes.bp, claim_routes.bp),
    models=(charge_models.MODELS + payment_models.MODELS + budget_models.MODELS
            + fact_models.MODELS + claim_models.MODELS),
    permissions={
        # an order's fee lines and payments: whoever reads the order (checked on the order)
        "fees.read": ORDER_STAFF,
        # the fee lines: the order's technician (actual hours, travel), the desk, the manager;
        # a line above 2× the list, a discount or a waiver waits for the manager's approval
        "fees.write": ("technician", "agent", "manager"),
        "fees.approve": ("manager",),
        # a payment collected (on site on the phone, at the desk) and its hand-in to finance
        "fees.payments.write": ("technician", "agent", "manager"),
        "fees.payments.hand_in": ("manager", "head_office"),
        # budgets: an outlet's manager reads theirs, head office sets them and decides the
        # 费用增加申请 a manager files
        "fees.budgets.read": ("manager", "head_office"),
        "fees.budgets.write": ("head_office",),
        "fees.budgets.request": ("manager",),
        "fees.budgets.decide": ("head_office",),
        # a spend booked by hand against an outlet's budget (its manager, head office)
        "fees.budgets.spend": ("manager", "head_office"),
        # travel claims (差旅费报销单, claims.py): filed by whoever travelled, for their own
        # trip; read by the claimant, the outlet's managers and head office (anyone else: 404);
        # decided by the manager (submitted claims of their outlet), then head office (a
        # manager's own claim: head office alone)
        "fees.claims.file": ("technician", "manager", "support"),
        "fees.claims.read": ("technician", "manager", "support", "head_office"),
        "fees.claims.decide": ("manager", "head_office"),
    },
    vocabulary=VOCABULARY,
    schemas={**charge_schemas.SCHEMAS, **payment_schemas.SCHEMAS, **budget_schemas.SCHEMAS,
             **claim_schemas.SCHEMAS},
    messages={**charge_schemas.MESSAGES, **payment_schemas.MESSAGES, **budget_schemas.MESSAGES,
              **claim_schemas.MESSAGES},
    setup=_setup,
    # budgets: `outlet` (the parts area's: its locator answers another outlet's with 404) and
    # `year` (the kernel's) as they are
    path={"request_id": {"type": "string", "pattern": r"^brq_[0-9a-f]{8,40}$",
                         "description": "a 费用增加申请's id"},
          "payment_id": {"type": "string", "pattern": r"^pay_[0-9a-f]{8,40}$",
                         "description": "a payment's id (收款)"},
          "claim_id": claim_schemas.CLAIM_ID, "receipt_id": claim_schemas.RECEIPT_ID},
    # travel claims' list: its view and the claim states (`state` elsewhere is an order's)
    query_on_path={("/api/claims", "view"): {"enum": list(claim_schemas.VIEWS),
                                             "description": "mine, outlet or queue"},
                   ("/api/claims", "state"): {"enum": list(claim_schemas.CLAIM_STATES)}},
)
