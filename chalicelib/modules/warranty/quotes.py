"""The quote's part of a work order's lifecycle, registered as the order's hooks (the orders area
knows none of it): the actions quote, approve_quote, confirm_quote, refuse_quote and
release_quote write the order's Quote item (ORDER#<o> / QUOTE) in the action's own transaction,
on the version read with the order; the dispatch of a paid (or partly paid) order is refused
until its quote is confirmed or released (409 `quote_not_confirmed`); the confirmed (or
released) quote's PDF is put to S3 with the decision (removed again if its transaction fails);
the order's detail shows the quote, the price list it is priced from and whether one is needed.

The rules themselves are domain/quotes.py; the coverage of each line is read from the coverage
decision in the order's collection (no extra read).
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import datetime
from decimal import Decimal

from chalicelib.kernel import hooks
from chalicelib.kernel.errors import InvalidTransition, ValidationFailed
from chalicelib.kernel.observability import log_failure, logger
from chalicelib.kernel.store import files
from chalicelib.modules.directory import public as directory
from chalicelib.modules.evidence import public as evidence
from chalicelib.modules.orders import public as orders
from chalicelib.modules.warranty import quote_store
from chalicelib.modules.warranty.domain import quotes as rules
from chalicelib.modules.warranty.domain.terms import default_template
from chalicelib.modules.warranty.models import CoverageDecision, Quote, QuoteLink

AREA = "warranty"
ACTIONS = ("quote", "approve_quote", "confirm_quote", "refuse_quote", "release_quote")
SYSTEM = "system"  # lifecycle.SYSTEM: the customer deciding through a link
DECIDED_WITH_PDF = ("confirm_quote", "release_quote")

# The link a decision arrives through (quote_links.decide sets it around the action): the hook
# spends it in the action's own transaction.
LINK: ContextVar[QuoteLink | None] = ContextVar("quote_link", default=None)


# ---------------------------------------------------------------- refusals

class QuoteNotConfirmed(InvalidTransition):
    """A paid order's dispatch before the customer confirmed the quote (409)."""

    code = "quote_not_confirmed"


_CONFLICTS: dict[str, type[InvalidTransition]] = {}


def conflict(code: str) -> InvalidTransition:
    """The 409 of a quote that is not where the action needs it (domain QuoteConflict codes)."""
    if code not in _CONFLICTS:
        _CONFLICTS[code] = type(f"Quote_{code}", (InvalidTransition,), {"code": code})
    return _CONFLICTS[code]()


def _invalid(problem: rules.QuoteProblem) -> ValidationFailed:
    return ValidationFailed(fields={f"data.{problem.field}": (problem.code, problem.params)})


# ---------------------------------------------------------------- what a quote reads

def _quote(collection) -> Quote | None:
    return collection.one(Quote)


def _decision_lines(collection) -> list[dict]:
    decision = collection.one(CoverageDecision)
    return list(decision.lines or []) if decision is not None else []


def price_list(order) -> dict:
    """The prices a quote of this order starts from: the template of its unit's model, else the
    network's default (saved or built in). {model, prices}: model None for the default."""
    from chalicelib.modules.warranty import units

    unit = quote_store.get_unit(order.customer_id, order.equipment_id)
    if unit is None:
        return {"model": None, "prices": dict(default_template()["prices"])}
    terms = units.terms_for(unit.model)
    return {"model": terms.template.get("model"), "prices": dict(terms.template["prices"])}


def order_price_list(actor, order_id: str) -> dict:
    """The price list a quote of the order starts from, for the quote form (GET)."""
    from chalicelib.kernel.errors import NotFound

    order = orders.get_order(order_id)
    if order is None:
        raise NotFound()
    orders.ensure_order_readable(actor, order)
    return price_list(order)


def _today(order) -> str:
    from chalicelib.kernel.store import keys

    return keys.utc_now().astimezone(directory.zone(order.outlet)).date().isoformat()


# ---------------------------------------------------------------- check

def _check_quote(ctx: hooks.ActionContext) -> None:
    order = ctx.subject
    if ctx.data.get("valid_until") and ctx.data["valid_until"] < _today(order):
        raise ValidationFailed(fields={"data.valid_until": ("not_past", {})})
    prices = price_list(order)
    try:
        priced = rules.price(ctx.data["lines"], prices["prices"], _decision_lines(ctx.collection),
                             order.coverage)
    except rules.QuoteProblem as problem:
        raise _invalid(problem) from None
    ctx.scratch["priced"] = priced


def _check_approve(ctx: hooks.ActionContext) -> None:
    _state_check(rules.check_approve, ctx)


def _check_confirm(ctx: hooks.ActionContext) -> None:
    _state_check(rules.check_confirm, ctx)
    data, quote = ctx.data, _quote(ctx.collection)
    if rules.expired(quote.valid_until, _today(ctx.subject)):
        raise conflict("quote_expired")
    method = data["method"]
    if (method == "link") != (ctx.actor.role == SYSTEM):
        raise ValidationFailed(fields={"data.method": ("enum", {"choices": "signature, phone"})})
    if method == "signature":
        wanted = data.get("attachment_id")
        if not wanted:
            raise ValidationFailed(fields={"data.attachment_id": ("required", {})})
        found = next((a for a in ctx.collection.of(evidence.Attachment) if a.id == wanted), None)
        if (found is None or found.evidence_kind != "signature"
                or found.category != "quote_signature" or found.status != "verified"):
            raise ValidationFailed(fields={"data.attachment_id": ("not_quote_signature", {})})
    if method == "phone" and not data.get("confirmed_at"):
        raise ValidationFailed(fields={"data.confirmed_at": ("required", {})})


def _check_refuse(ctx: hooks.ActionContext) -> None:
    _state_check(rules.check_refuse, ctx)


def _check_release(ctx: hooks.ActionContext) -> None:
    _state_check(rules.check_release, ctx)


def _state_check(check, ctx: hooks.ActionContext) -> None:
    quote = _quote(ctx.collection)
    try:
        check(quote.state if quote is not None else None)
    except rules.QuoteConflict as refusal:
        raise conflict(refusal.code) from None


def _dispatch_gate(ctx: hooks.ActionContext) -> None:
    """Seed 001 §17 4.2.1.5: the customer confirms the fee before anyone is sent."""
    quote = _quote(ctx.collection)
    if not rules.may_go_ahead(ctx.subject.coverage, quote.state if quote else None):
        raise QuoteNotConfirmed()


# ---------------------------------------------------------------- apply

def _who(ctx: hooks.ActionContext) -> dict:
    if ctx.actor.role == SYSTEM:
        return {"by": None, "by_name": None, "at": ctx.at}
    return {"by": ctx.actor.username, "by_name": directory.actor_name(ctx.actor), "at": ctx.at}


def _apply_quote(ctx: hooks.ActionContext) -> hooks.Writes:
    order, priced = ctx.subject, ctx.scratch["priced"]
    quote = _quote(ctx.collection)
    previous = quote.state if quote is not None else None
    if quote is None:
        quote = Quote(order_id=order.id, outlet=order.outlet, revision=0)
    quote.revision = int(quote.revision) + 1
    quote.state = priced.state
    quote.lines = priced.lines
    quote.total_fen, quote.charge_fen = priced.total_fen, priced.charge_fen
    quote.valid_until = ctx.data.get("valid_until")
    quote.approval = quote.confirmation = quote.refusal = quote.release = None
    quote.pdf_key = quote.pdf_version_id = quote.pdf_sha256 = None
    quote.created_at, quote.created_by = ctx.at, ctx.actor.username
    quote.updated_at = ctx.at
    # the timeline records what the server made of it (client amounts and totals are not read)
    for ignored in ("total_fen", "charge_fen"):
        ctx.data.pop(ignored, None)
    ctx.data.update({"lines": priced.lines, "revision": int(quote.revision),
                     "quote_state": quote.state, "previous_quote_state": previous,
                     "total_fen": priced.total_fen, "charge_fen": priced.charge_fen,
                     "approval_reasons": priced.approval_reasons})
    return hooks.Writes([quote_store.quote_write(quote)])


def _decided(ctx: hooks.ActionContext, state: str, field: str, record: dict) -> hooks.Writes:
    quote = _quote(ctx.collection)
    previous = quote.state
    quote.state = state
    setattr(quote, field, record)
    quote.updated_at = ctx.at
    ctx.data.update({"revision": int(quote.revision), "quote_state": state,
                     "previous_quote_state": previous, "charge_fen": int(quote.charge_fen)})
    ctx.scratch["quote"] = quote
    writes = hooks.Writes([quote_store.quote_write(quote)])
    link = LINK.get()
    if link is not None and ctx.actor.role == SYSTEM:
        writes.items.append(quote_store.link_used_write(link, ctx.at))
        ctx.data["link_expires_at"] = _link_expiry(link)
    return writes


def _link_expiry(link: QuoteLink) -> str:
    from datetime import UTC

    from chalicelib.kernel.store import keys

    return keys.iso(datetime.fromtimestamp(int(link.expires_at), UTC))


def _apply_approve(ctx: hooks.ActionContext) -> hooks.Writes:
    return _decided(ctx, "approved", "approval", {**_who(ctx), "note": ctx.data.get("note")})


def _apply_confirm(ctx: hooks.ActionContext) -> hooks.Writes:
    data = ctx.data
    confirmed_at = data.get("confirmed_at") if data["method"] == "phone" else ctx.at
    return _decided(ctx, "confirmed", "confirmation", {
        **_who(ctx), "method": data["method"], "customer_name": data["customer_name"],
        "confirmed_at": confirmed_at, "attachment_id": data.get("attachment_id"),
        "note": data.get("note")})


def _apply_refuse(ctx: hooks.ActionContext) -> hooks.Writes:
    return _decided(ctx, "refused", "refusal", {
        **_who(ctx), "method": "link" if ctx.actor.role == SYSTEM else "staff",
        "customer_name": ctx.data.get("customer_name"), "note": ctx.data.get("note")})


def _apply_release(ctx: hooks.ActionContext) -> hooks.Writes:
    return _decided(ctx, "released", "release", {**_who(ctx), "reason": ctx.data["reason"]})


# ---------------------------------------------------------------- record: the PDF

def _issue_pdf(ctx: hooks.ActionContext) -> hooks.Writes:
    """The decided quote as a PDF beside the service report: put to S3 now, its key on the
    quote written by the action (the same item), removed again if the action fails."""
    from chalicelib.modules.warranty import quote_pdf

    quote = ctx.scratch["quote"]
    signature = None
    confirmation = quote.confirmation or {}
    if confirmation.get("attachment_id"):
        found = next((a for a in ctx.collection.of(evidence.Attachment)
                      if a.id == confirmation["attachment_id"]), None)
        signature = evidence.read_object(found.s3_key, found.s3_version_id) if found else None
    pdf = quote_pdf.render_quote(ctx.subject, quote, signature)
    key = quote_store.pdf_key(quote.outlet, quote.order_id, int(quote.revision))
    version_id = quote_store.put_pdf(key, pdf.content)
    quote.pdf_key, quote.pdf_version_id, quote.pdf_sha256 = key, version_id, pdf.sha256
    ctx.data["pdf"] = {"sha256": pdf.sha256, "size": len(pdf.content)}
    logger.info("quote rendered", extra={"order": ctx.subject.number,
                                         "revision": int(quote.revision), "bytes": len(pdf.content)})

    def discard() -> None:
        try:
            quote_store.discard_pdf(key, version_id)
        except Exception as error:  # noqa: BLE001 - best effort; an unrecorded PDF is never served
            log_failure("could not remove an unrecorded quote PDF", error)

    return hooks.Writes([], undo=[discard])


# ---------------------------------------------------------------- views

def _number(value: int) -> int | float:
    """A quantity for JSON: whole numbers as integers (not money: hours, km, pieces)."""
    exact = rules.quantity_value(value)
    return float(exact) if isinstance(exact, Decimal) else exact


def line_view(index: int, line: dict) -> dict:
    return {"index": index, "kind": line["kind"], "description": line.get("description"),
            "component": line.get("component"),
            "quantity": _number(line["quantity_hundredths"]),
            "quantity_hundredths": int(line["quantity_hundredths"]),
            "unit_price_fen": int(line["unit_price_fen"]),
            "list_price_fen": int(line["list_price_fen"]), "waive": bool(line.get("waive")),
            "amount_fen": int(line["amount_fen"]), "coverage": line.get("coverage"),
            "covered": bool(line.get("covered")), "charge_fen": int(line["charge_fen"]),
            "needs_approval": line.get("needs_approval")}


def quote_view(quote: Quote, order, collection) -> dict:
    lines = list(quote.lines or [])
    _repriced, charge_now = rules.reprice_coverage(lines, _decision_lines(collection),
                                                   order.coverage)
    reasons = {line.get("needs_approval") for line in lines if line.get("needs_approval")}
    return {
        "revision": int(quote.revision), "state": quote.state,
        "lines": [line_view(i, line) for i, line in enumerate(lines)],
        "total_fen": int(quote.total_fen), "charge_fen": int(quote.charge_fen),
        "free_fen": int(quote.total_fen) - int(quote.charge_fen),
        "approval_reasons": [r for r in rules.APPROVAL_REASONS if r in reasons],
        "valid_until": quote.valid_until,
        "expired": rules.expired(quote.valid_until, _today(order)),
        # the coverage decision changed since the quote was made: what the customer would pay
        # now differs (a new revision puts it right)
        "coverage_changed": charge_now != int(quote.charge_fen),
        "approval": quote.approval, "confirmation": quote.confirmation,
        "refusal": quote.refusal, "release": quote.release,
        "created_at": quote.created_at, "created_by": quote.created_by,
        "created_by_name": directory.display_name(quote.created_by) if quote.created_by else None,
        "updated_at": quote.updated_at,
        "pdf_url": files.presigned_get(quote.pdf_key, quote.pdf_version_id, "application/pdf",
                                       f"报价单 {order.number} r{int(quote.revision)}.pdf")
        if quote.pdf_key else None,
    }


def _detail(actor, order, collection) -> dict:
    quote = _quote(collection)
    # the price list is read by the quote form when it opens (GET .../price-list): the detail
    # stays one query
    return {"quote": quote_view(quote, order, collection) if quote is not None else None,
            "quote_required": rules.quote_required(order.coverage)}


def _offered_when(check):
    """Offer a decision on the quote only where the quote stands for it (the page's buttons)."""
    def offered(order, collection) -> bool:
        quote = _quote(collection)
        try:
            check(quote.state if quote is not None else None)
        except rules.QuoteConflict:
            return False
        return True

    return offered


def register() -> None:
    kind = orders.KIND
    hooks.on(kind, ["dispatch"], area=AREA, check=_dispatch_gate)
    hooks.on(kind, ["quote"], area=AREA, check=_check_quote, apply=_apply_quote)
    hooks.on(kind, ["approve_quote"], area=AREA, check=_check_approve, apply=_apply_approve,
             offered_in=_offered_when(rules.check_approve))
    hooks.on(kind, ["confirm_quote"], area=AREA, check=_check_confirm, apply=_apply_confirm,
             record=_issue_pdf, offered_in=_offered_when(rules.check_confirm))
    hooks.on(kind, ["refuse_quote"], area=AREA, check=_check_refuse, apply=_apply_refuse,
             offered_in=_offered_when(rules.check_refuse))
    hooks.on(kind, ["release_quote"], area=AREA, check=_check_release, apply=_apply_release,
             record=_issue_pdf, offered_in=_offered_when(rules.check_release))
    hooks.contribute(kind, area=AREA, detail=_detail)
