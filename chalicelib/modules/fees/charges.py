"""An order's fee sheet (费用明细): read (built from the confirmed quote and the parts used until
it is first saved), replaced line by line on the version seen, approved by a manager, and
settled (final) in the order's acceptance (hooks.py) — refused while it no longer matches the
order (`standing`: outdated). Each change is one transaction with its event on the order's
timeline (fees_changed, fees_approved) and a check that the order is still at the version read
(an acceptance meanwhile settled the fees).

Prices, coverage and approval reasons are the quote's rules (warranty.public.price_lines); the
internal cost and the comparison with the confirmed quote are domain/charges.py; the parts'
prices come from parts.public. Reads: the order's collection (one query) and, for catalogue
parts named by code, one BatchGetItem.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from chalicelib.kernel import registry
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import InvalidTransition, NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.labels import label
from chalicelib.kernel.store import base as store_base
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.modules.directory import public as directory
from chalicelib.modules.fees import keys
from chalicelib.modules.fees.charge_models import FeeSheet
from chalicelib.modules.fees.domain import charges as rules
from chalicelib.modules.fees.domain import payments as payment_rules
from chalicelib.modules.fees.payment_models import Payment
from chalicelib.modules.orders import public as orders
from chalicelib.modules.parts import public as parts
from chalicelib.modules.warranty import public as warranty

COSTS_PERMISSION = "parts.costs.read"  # who may see internal costs (the parts area's rule)


# ---------------------------------------------------------------- refusals

class FeesNeedApproval(InvalidTransition):
    """The order accepted while its fee lines wait for a manager's approval (409)."""

    code = "fees_need_approval"


class FeesFinal(InvalidTransition):
    """A change to fees settled at the order's acceptance (409)."""

    code = "fees_final"


class FeesOutdated(InvalidTransition):
    """The order accepted while its fee sheet no longer matches the order's coverage, quote or
    parts (409; `details.reasons`): open it and save it again."""

    code = "fees_outdated"


class FeesNotPending(InvalidTransition):
    """An approval of fee lines that do not wait for one (409)."""

    code = "fees_not_pending"


def _params(params: dict) -> dict:
    """A problem's parameters for its message: a line's kind by its name in the reader's
    language (the quote's vocabulary `quote_line_kind`)."""
    if "kind" not in params:
        return params
    return {**params, "kind": {lang: label("quote_line_kind", params["kind"], lang)
                               for lang in ("zh", "en")}}


def _invalid(problems) -> ValidationFailed:
    return ValidationFailed(fields={p.field: (p.code, _params(p.params)) for p in problems})


# ---------------------------------------------------------------- reading

def load(actor: Actor, order_id: str):
    """The order with its collection, as the caller may see it (404 otherwise)."""
    found = orders.get_order_with_items(order_id)
    if found is None:
        raise NotFound()
    orders.ensure_order_readable(actor, found.order)
    return found


def stored(collection) -> FeeSheet | None:
    return collection.one(FeeSheet)


def paid_fen(collection) -> int:
    return payment_rules.paid([{"amount_fen": p.amount_fen} for p in collection.of(Payment)])


def _code(value: str | None) -> str | None:
    return value.strip().upper() if value else None


def _quantity(hundredths: int) -> Decimal:
    return Decimal(int(hundredths)) / 100


def quantity_number(hundredths: int) -> int | float:
    """A quantity for JSON: whole numbers as integers (hours, km, pieces; not money)."""
    whole, part = divmod(int(hundredths), 100)
    return whole if part == 0 else float(Decimal(int(hundredths)) / 100)


def used_parts(order, collection) -> list[dict]:
    """The parts issued to the order and used (parts.public), from its collection as read."""
    return parts.used_parts(order, collection)


def price(order, collection, given: list[dict], require_reasons: bool = True,
          used: list[dict] | None = None) -> tuple[rules.Sheet, dict | None]:
    """The sheet of these lines (as a PUT gives them) priced by the server: list prices from the
    order's price list, the parts issued to it (`used`: as priced when issued) and the
    catalogue, coverage and charges by the quote's rules, internal costs and the comparison
    with the confirmed quote by the fees' own. Returns the sheet and the confirmed quote (None:
    none). Raises ValidationFailed naming `lines.<i>.<field>`."""
    quote = warranty.confirmed_quote(collection)
    quote_lines = quote["lines"] if quote is not None else None
    if not given and not quote_lines:
        return rules.Sheet([], 0, 0), quote  # nothing to price: no read of the price list
    given = [{**line, "part_code": _code(line.get("part_code"))} for line in given]
    matches = rules.match_quote(given, quote_lines or [])
    known = {part["code"]: part for part in (
        used if used is not None else used_parts(order, collection))}
    wanted = {line["part_code"] for line in given
              if line["kind"] == rules.PART and line["part_code"] and line["part_code"] not in known}
    known.update(parts.catalogue_prices(wanted))
    prices = warranty.price_list(order)["prices"]
    problems, to_price, costs = {}, [], []
    for i, (line, match) in enumerate(zip(given, matches, strict=True)):
        quoted = quote_lines[match] if quote_lines is not None and match is not None else None
        item = {"kind": line["kind"], "description": line.get("description"),
                "component": line.get("component"), "quantity": line["quantity"],
                "unit_price_fen": line.get("unit_price_fen"), "waive": bool(line.get("waived"))}
        if item["unit_price_fen"] is None and quoted is not None:
            item["unit_price_fen"] = int(quoted["unit_price_fen"])
        cost = None
        if line["kind"] == rules.PART:
            code = line["part_code"]
            if code:
                part = known.get(code)
                if part is None:
                    problems[f"lines.{i}.part_code"] = ("unknown_part", {"code": code})
                    continue
                item["list_price_fen"], cost = int(part["list_price_fen"]), int(part["cost_fen"])
                item["description"] = item["description"] or part["name"]
            elif quoted is not None:
                item["list_price_fen"] = int(quoted["list_price_fen"])
            else:
                problems[f"lines.{i}.part_code"] = ("part_not_priced", {})
                continue
        to_price.append(item)
        costs.append(cost)
    if problems:
        raise ValidationFailed(fields=problems)
    try:
        priced = warranty.price_lines(to_price, prices, collection, order.coverage)
    except warranty.QuoteProblem as problem:
        raise ValidationFailed(fields={problem.field: (problem.code, problem.params)}) from None
    costs = [warranty.amount_fen(line["quantity_hundredths"],
                                 rules.unit_cost(line["kind"], line["list_price_fen"], cost))
             for line, cost in zip(priced.lines, costs, strict=True)]
    try:
        sheet = rules.settle(priced.lines, given, quote_lines, matches, costs, require_reasons)
    except rules.FeeProblems as found:
        raise _invalid(found.problems) from None
    return sheet, quote


def draft(order, collection, used: list[dict] | None = None) -> tuple[
        rules.Sheet, dict | None, bool]:
    """The sheet before anyone saved one: the confirmed quote's lines as quoted (a part line
    with the code of the part issued it names: its cost price), then the parts used on the
    order that no quote line names (at list price). Also whether it needs someone's review
    before it is settled (rules.match_parts: parts and quote lines not matched by guess)."""
    quote = warranty.confirmed_quote(collection)
    used = used if used is not None else used_parts(order, collection)
    quoted = quote["lines"] if quote is not None else []
    given = [{"kind": q["kind"], "description": q.get("description"),
              "component": q.get("component"), "quantity": _quantity(q["quantity_hundredths"]),
              "unit_price_fen": int(q["unit_price_fen"]), "waived": bool(q.get("waive"))}
             for q in quoted]
    rows = [i for i, q in enumerate(quoted) if q["kind"] == rules.PART]
    found, review = rules.match_parts([quoted[i] for i in rows], used)
    for j, k in found.items():
        given[rows[j]]["part_code"] = used[k]["code"]
    named = set(found.values())
    given += [{"kind": rules.PART, "description": part["name"],
               "component": part.get("component"), "part_code": part["code"],
               "quantity": part["quantity"]}
              for k, part in enumerate(used) if k not in named]
    sheet, quote = price(order, collection, given, require_reasons=False, used=used)
    return sheet, quote, review


def _as_given(lines: list[dict]) -> list[dict]:
    """A saved sheet's lines as a PUT gives them (to price them again)."""
    return [{"kind": line["kind"], "description": line.get("description"),
             "component": line.get("component"), "part_code": line.get("part_code"),
             "quantity": _quantity(line["quantity_hundredths"]),
             "unit_price_fen": int(line["unit_price_fen"]), "waived": bool(line.get("waived")),
             "reason": line.get("reason")} for line in lines]


def _outdated(order, collection, item: FeeSheet, used: list[dict]) -> list[str]:
    """Why a saved sheet no longer matches the order: the confirmed quote revised since, the
    parts used changed, or its lines priced again now (coverage, price list, catalogue) differ."""
    found: set[str] = set()
    quote = warranty.confirmed_quote(collection)
    saved = int(item.quote_revision) if item.quote_revision is not None else None
    if (int(quote["revision"]) if quote is not None else None) != saved:
        found.add("quote_revised")
    lines = list(item.lines or [])
    snapshot = item.parts_used if item.parts_used is not None else rules.lines_parts(lines)
    if rules.parts_snapshot(used) != {k: int(v) for k, v in dict(snapshot).items()}:
        found.add("parts_changed")
    try:
        again, _quote = price(order, collection, _as_given(lines), require_reasons=False,
                              used=used)
    except ValidationFailed:  # a part no longer in the catalogue, a price item gone
        found.add("prices_changed")
    else:
        found |= rules.repriced(lines, again.lines)
    return [reason for reason in rules.OUTDATED_REASONS if reason in found]


@dataclass
class Standing:
    """Where an order's fees stand: the saved sheet (None: none), else the draft built now
    with the confirmed quote it was built from, and why it may not be settled as it is
    (rules.OUTDATED_REASONS; empty: it may)."""

    item: FeeSheet | None
    built: rules.Sheet | None
    quote: dict | None
    reasons: list[str]


def standing(order, collection) -> Standing:
    item = stored(collection)
    settled = rules.editable(order.state, item.state if item is not None else None) is not None
    if item is not None and (settled or item.state == "final"):
        return Standing(item, None, None, [])
    used = used_parts(order, collection)
    if item is not None:
        return Standing(item, None, None, _outdated(order, collection, item, used))
    built, quote, review = draft(order, collection, used)
    return Standing(None, built, quote, ["parts_unmatched"] if review and not settled else [])


def sees_cost(actor: Actor) -> bool:
    return registry.permitted(actor.role, COSTS_PERMISSION)


def line_view(line: dict, cost: bool) -> dict:
    return {"id": line["id"], "kind": line["kind"], "description": line.get("description"),
            "component": line.get("component"), "part_code": line.get("part_code"),
            "quantity": quantity_number(line["quantity_hundredths"]),
            "unit_price_fen": int(line["unit_price_fen"]),
            "list_price_fen": int(line["list_price_fen"]), "coverage": line.get("coverage"),
            "charge_fen": int(line["charge_fen"]),
            "cost_fen": int(line["cost_fen"]) if cost else None,
            "cost_source": rules.cost_source(line["kind"]),
            "needs_approval": line.get("needs_approval"), "waived": bool(line.get("waived")),
            "reason": line.get("reason"), "from_quote": bool(line.get("from_quote")),
            "changed_from_quote": bool(line.get("changed_from_quote"))}


def sheet_view(actor: Actor, order, collection) -> dict:
    now = standing(order, collection)
    item = now.item
    if item is not None:
        lines, state, version = list(item.lines or []), item.state, int(item.version)
        charge, cost, revision = int(item.charge_fen), int(item.cost_fen), item.quote_revision
        approval = item.approval
    else:
        built, quote = now.built, now.quote
        lines, state, version = built.lines, "draft", 0
        charge, cost = built.charge_fen, built.cost_fen
        revision, approval = (quote["revision"] if quote else None), None
    paid = paid_fen(collection)
    shows_cost = sees_cost(actor)
    blocked = rules.editable(order.state, item.state if item is not None else None)
    return {
        "order_id": order.id, "state": state, "version": version,
        "lines": [line_view(line, shows_cost) for line in lines],
        "charge_fen": charge, "cost_fen": cost if shows_cost else None, "paid_fen": paid,
        "outstanding_fen": rules.outstanding(charge, paid),
        "quote_revision": int(revision) if revision is not None else None,
        "approval": approval,
        # the sheet no longer matches the order's coverage, quote or parts (the acceptance is
        # refused with 409 fees_outdated until it is saved again), and why
        "outdated": bool(now.reasons), "outdated_reasons": now.reasons,
        "may": {"edit": blocked is None and registry.permitted(actor.role, "fees.write"),
                "approve": (blocked is None and state == "pending_approval"
                            and registry.permitted(actor.role, "fees.approve"))},
    }


def read(actor: Actor, order_id: str) -> dict:
    found = load(actor, order_id)
    return sheet_view(actor, found.order, found.items)


# ---------------------------------------------------------------- writing

def _ensure_editable(order, item: FeeSheet | None) -> None:
    blocked = rules.editable(order.state, item.state if item is not None else None)
    if blocked == "fees_final":
        raise FeesFinal()
    if blocked is not None:
        raise InvalidTransition(state=order.state, action="fees")


def _ensure_version(item: FeeSheet | None, seen: int) -> None:
    if (int(item.version) if item is not None else 0) != int(seen):
        raise StaleVersion()


def _event_lines(lines: list[dict]) -> list[dict]:
    """The lines as the timeline records them (no internal cost: the timeline is everyone's)."""
    return [{"kind": line["kind"], "description": line.get("description"),
             "quantity": quantity_number(line["quantity_hundredths"]),
             "unit_price_fen": int(line["unit_price_fen"]), "charge_fen": int(line["charge_fen"]),
             "waived": bool(line.get("waived")), "reason": line.get("reason"),
             "needs_approval": line.get("needs_approval")} for line in lines]


def _save(actor: Actor, order, item: FeeSheet, action: str, data: dict, at: str) -> None:
    """The sheet (on the version read: PynamoDB's condition) and its timeline event, at once,
    while the order is still at the version read (an acceptance meanwhile settled the fees: a
    sheet written after it would never be final nor booked)."""
    try:
        store_base.transact([(item, None), orders.step_entry(actor, order, action, data, at),
                             orders.order_unchanged(order)])
    except VersionConflict:
        current = orders.get_order(order.id)
        if current is not None:
            _ensure_editable(current, None)
        raise StaleVersion() from None


def replace(actor: Actor, order_id: str, body: dict) -> dict:
    """PUT: the sheet's lines as the user gives them, priced by the server, on the version seen."""
    found = load(actor, order_id)
    order, collection = found.order, found.items
    item = stored(collection)
    _ensure_editable(order, item)
    _ensure_version(item, body["version"])
    used = used_parts(order, collection)
    sheet, quote = price(order, collection, body["lines"], used=used)
    at = kernel_keys.iso(kernel_keys.utc_now())
    before = {"state": item.state if item else None,
              "charge_fen": int(item.charge_fen) if item else None}
    if item is None:
        item = FeeSheet(order_id=order.id, outlet=order.outlet)
        keys.index_sheet(item)
    item.lines, item.state = sheet.lines, sheet.state
    item.charge_fen, item.cost_fen = sheet.charge_fen, sheet.cost_fen
    item.quote_revision = quote["revision"] if quote is not None else None
    item.parts_used = rules.parts_snapshot(used)  # what "the parts changed since" compares
    item.approval = None  # a change waits for a new approval where a line needs one
    item.updated_at, item.updated_by = at, actor.username
    _save(actor, order, item, "fees_changed", {
        "lines": _event_lines(sheet.lines), "charge_fen": sheet.charge_fen,
        "previous_charge_fen": before["charge_fen"], "fee_state": sheet.state,
        "previous_fee_state": before["state"], "approval_reasons": sheet.approval_reasons,
        "quote_revision": item.quote_revision}, at)
    collection.add(item)
    return sheet_view(actor, order, collection)


def approve(actor: Actor, order_id: str, body: dict) -> dict:
    """A manager approves fee lines above 2× the list, discounted or waived, on the version seen."""
    found = load(actor, order_id)
    order, collection = found.order, found.items
    item = stored(collection)
    _ensure_editable(order, item)
    _ensure_version(item, body["version"])
    if item is None or item.state != "pending_approval":
        raise FeesNotPending()
    at = kernel_keys.iso(kernel_keys.utc_now())
    reasons = rules.Sheet(list(item.lines or []), 0, 0).approval_reasons
    item.state = "approved"
    item.approval = {"by": actor.username, "by_name": directory.actor_name(actor), "at": at,
                     "reasons": reasons}
    item.updated_at, item.updated_by = at, actor.username
    _save(actor, order, item, "fees_approved", {
        "approval_reasons": reasons, "charge_fen": int(item.charge_fen),
        "fee_state": "approved", "previous_fee_state": "pending_approval"}, at)
    collection.add(item)
    return sheet_view(actor, order, collection)


# ---------------------------------------------------------------- settling (the acceptance)

def ensure_settleable(now: Standing) -> None:
    """Refuse the acceptance while the sheet no longer matches the order (FeesOutdated) or
    waits for the manager (FeesNeedApproval)."""
    if now.reasons:
        raise FeesOutdated(details={"reasons": now.reasons})
    if now.item is not None and now.item.state == "pending_approval":
        raise FeesNeedApproval()


def nothing_saved(order) -> store_base.Check:
    """A transaction entry writing nothing: the order still has no fee sheet (an acceptance
    that settled none, against a first save meanwhile)."""
    pk, sk = keys.sheet_key(order.id)
    return store_base.Check(FeeSheet, pk, sk, FeeSheet.pk.does_not_exist())


def settled_sheet(order, collection, at: str, now: Standing | None = None) -> FeeSheet | None:
    """The sheet as the acceptance makes it final: the saved one, else the draft (the quote's
    lines and the parts used) when it has lines; None when there is nothing to settle.
    Raises FeesOutdated or FeesNeedApproval (ensure_settleable). `now`: the standing the
    acceptance's check read (else read again)."""
    now = now if now is not None else standing(order, collection)
    ensure_settleable(now)
    item = now.item
    if item is None:
        built, quote = now.built, now.quote
        if not built.lines:
            return None
        item = FeeSheet(order_id=order.id, outlet=order.outlet, lines=built.lines,
                        charge_fen=built.charge_fen, cost_fen=built.cost_fen,
                        quote_revision=quote["revision"] if quote is not None else None,
                        parts_used=rules.parts_snapshot(used_parts(order, collection)),
                        updated_by=None)
        keys.index_sheet(item)
    item.state, item.settled_at, item.updated_at = "final", at, at
    return item
