"""An inspection order's part of its own create (hooks on the work order's `create`, registered
in the area's setup): when the generator (contracts/generator.py) creates the order of one
occurrence, the create's data names the contract and the occurrence ({planned, due, moved, per,
target}), and the order's one transaction also writes

- the occurrence marker CONTRACT#<id> / OCC#<planned>#<target>, only if absent: a replay of the
  job or a concurrent run cancels its whole create (no order, no number taken), never a second
  inspection of the same occurrence;
- the checklist ORDER#<order> / CHECKLIST, the contract's template with every answer empty;
- the contract's `inspection_generated` event.

Only the system may name an occurrence (the intake's schema does not let a user send one)."""

from __future__ import annotations

from chalicelib.kernel import hooks
from chalicelib.kernel.errors import Forbidden
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.modules.contracts import keys
from chalicelib.modules.contracts.inspection_models import InspectionChecklist, InspectionOccurrence
from chalicelib.modules.contracts.models import Contract

AREA = "contracts"
SCRATCH = "contracts.inspection"
CHECKLIST_SK = "CHECKLIST"
EVENT = "inspection_generated"  # the contract's timeline (vocabulary event)


def marker_key(contract_id: str, planned: str, target: str) -> tuple[str, str]:
    return keys.contract_pk(contract_id), keys.occurrence_sk(planned, target)


def generated(contract_id: str, planned: str, target: str) -> InspectionOccurrence | None:
    """The occurrence's marker as stored (consistent GetItem): the order it generated."""
    try:
        return InspectionOccurrence.get(*marker_key(contract_id, planned, target),
                                        consistent_read=True)
    except InspectionOccurrence.DoesNotExist:
        return None


def checklist_areas(template: list) -> list[dict]:
    """The contract's checklist template as an order's checklist, every answer empty."""
    return [{"area": block["area"],
             "items": [{"text": text, "answer": None, "note": None, "photo": None}
                       for text in block.get("items") or []]}
            for block in template or []]


def target_name(contract: Contract, per: str, target: str) -> str | None:
    """The inspected site's name, or the unit's model and serial, as the contract names them."""
    labels = contract.labels or {}
    if per == "site":
        return (labels.get("sites") or {}).get(target)
    unit = (labels.get("units") or {}).get(target) or {}
    return " / ".join(filter(None, (unit.get("model"), unit.get("serial")))) or None


def _check(ctx: hooks.ActionContext) -> None:
    occurrence = ctx.data.get("occurrence")
    if not occurrence:
        return
    if ctx.actor.role != "system":
        raise Forbidden("only the inspection generator names an occurrence")
    try:
        contract = Contract.get(keys.contract_pk(ctx.data["contract_id"]), keys.SK,
                                consistent_read=True)
    except Contract.DoesNotExist:
        raise Forbidden("no such contract") from None
    ctx.scratch[SCRATCH] = contract


def _record(ctx: hooks.ActionContext) -> hooks.Writes | None:
    contract: Contract | None = ctx.scratch.get(SCRATCH)
    if contract is None:
        return None
    from chalicelib.modules.contracts.usecases import CONTRACTS

    order, occurrence, at = ctx.subject, ctx.data["occurrence"], kernel_keys.iso(ctx.now)
    marker = InspectionOccurrence(
        contract_id=contract.id, planned=occurrence["planned"], due=occurrence["due"],
        moved=occurrence.get("moved"), per=occurrence["per"], target=occurrence["target"],
        order_id=order.id, order_number=order.number, at=at,
        period_end=occurrence.get("period_end"), outlet=contract.outlet,
        contract_number=contract.number, customer_name=contract.customer_name,
        target_name=target_name(contract, occurrence["per"], occurrence["target"]))
    keys.index_occurrence(marker)  # and in its outlet's month (gsi1)
    checklist = InspectionChecklist(
        order_id=order.id, contract_id=contract.id, contract_number=contract.number,
        # (period_end: the last day of the occurrence's period, when the generator gives it)
        occurrence={k: occurrence.get(k) for k in ("planned", "due", "moved", "period_end")},
        areas=checklist_areas(contract.checklist))
    checklist.pk, checklist.sk = kernel_keys.order_pk(order.id), CHECKLIST_SK
    event = CONTRACTS.event(None, contract, EVENT, contract.state, {
        "order_id": order.id, "order_number": order.number,
        **{k: occurrence.get(k) for k in ("planned", "due", "moved", "period_end", "per",
                                          "target")}}, at)
    return hooks.Writes(items=[(marker, InspectionOccurrence.pk.does_not_exist()),
                               (checklist, InspectionChecklist.pk.does_not_exist()), event])


def register() -> None:
    from chalicelib.modules.orders import public as orders

    hooks.on(orders.KIND, ["create"], area=AREA, check=_check, record=_record)
