"""An outlet's warehouse (配件库): its stock page (one query per page; the warnings filter is
the sparse low index), a part's line with its ledger, the keeper's settings (reorder point,
maximum, bin) at the version seen, goods received and defective parts sent back to the supplier
(through the stock engine, parts/ledger.py), and the purchase suggestions the nightly job made
(ordered or dismissed).

Who: the warehouse of the user's own outlet (head office reads every outlet's); another
outlet's warehouse is 404. Only the outlet's own keeper changes anything (parts.stock.write).
"""

from __future__ import annotations

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.access import ensure_outlet
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.observability import count
from chalicelib.kernel.paging import limit_of, read_page, seal, unseal
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import cancelled_at, connection
from chalicelib.kernel.store.models import Item
from chalicelib.modules.parts import catalogue, ledger
from chalicelib.modules.parts import keys as part_keys
from chalicelib.modules.parts.domain import catalogue as names
from chalicelib.modules.parts.domain import stock as rules
from chalicelib.modules.parts.keys import suggestion_sk
from chalicelib.modules.parts.models import PartEvent, Stock, Suggestion

LEDGER_PAGE = 20
SETTING_ATTEMPTS = 8  # a movement landed between the read and the write: read again
MAX_SUGGESTIONS = 1000  # an outlet's open suggestions answered at once


# ---------------------------------------------------------------- who and what

def _readable(actor: Actor, outlet: str) -> str:
    ensure_outlet(actor, outlet)  # another outlet's warehouse: 404
    return outlet


def _keeper(actor: Actor, outlet: str) -> str:
    """Only the outlet's own keeper moves its stock (another outlet's: 404, as if unseen)."""
    if actor.outlet != outlet:
        raise NotFound()
    return outlet


def _code(text: str) -> str:
    return catalogue.code_in_path(text)


def _part(code: str):
    part = ledger.get_part(code)
    if part is None:
        raise NotFound()
    return part


def suggestion_json(item: Suggestion) -> dict:
    figures = {"on_hand": int(item.on_hand), "on_order": int(item.on_order),
               "reserved": int(item.reserved)}
    proposal = rules.proposal(figures, int(item.reorder_point), int(item.max_level))
    return {"code": item.code, "name": item.name, **figures,
            "reorder_point": int(item.reorder_point), "max_level": int(item.max_level),
            "quantity": int(item.quantity), "rule": proposal.rule if proposal else "",
            "created_at": item.created_at, "updated_at": item.updated_at}


# ---------------------------------------------------------------- reads

def warehouses(actor: Actor) -> dict:
    """Every outlet's warehouse by code and name (head office keeps none): where a transfer
    may go, so a keeper sees the network's warehouses though not the other outlets' details."""
    from chalicelib.modules.directory import public as directory

    return {"items": [{"code": o.code, "name": o.name, "name_en": o.name_en}
                      for o in sorted(directory.all_outlets(), key=lambda o: o.code)
                      if not o.is_head_office]}


def stock_page(actor: Actor, outlet: str, params: dict) -> dict:
    """GET /api/parts/warehouses/{outlet}/stock: one page by code (one Query): all lines, those
    whose code begins with q, or (low=true) only those below their reorder point."""
    _readable(actor, outlet)
    limit = limit_of(params)
    text = (params.get("q") or "").strip()
    prefix = names.code_prefix(text) if text else None
    if text and prefix is None:
        raise ValidationFailed(fields={"q": ("pattern", {})})
    low = params.get("low") in ("1", "true")
    return read_page(f"parts.stock.{outlet}", actor, params,
                     lambda start: ledger.stock_page(outlet, prefix, low, limit, start),
                     ledger.stock_json)


def detail(actor: Actor, outlet: str, code: str, params: dict) -> dict:
    """GET .../stock/{code}: the line (zero figures when nothing moved it yet), the part, and a
    page of its ledger, newest first."""
    _readable(actor, outlet)
    code = _code(code)
    stock, part = ledger.line_and_part(outlet, code)
    if part is None:
        raise NotFound()
    stock = stock or ledger.empty_line(outlet, part)
    listing = f"parts.ledger.{outlet}.{code}"
    try:
        page = ledger.entries(outlet, code, LEDGER_PAGE,
                              unseal(listing, actor, params, params.get("cursor")))
    except keys.BadCursor:
        raise ValidationFailed(fields={"cursor": ("invalid", {})}) from None
    return {"stock": ledger.stock_json(stock), "part": catalogue.part_json(part, catalogue.sees_cost(actor)),
            "ledger": [ledger.entry_json(e) for e in page.items],
            "next_cursor": seal(listing, actor, params, page.last_key)}


def suggestions(actor: Actor, outlet: str) -> dict:
    """GET .../suggestions: the warehouse's open purchase suggestions (one query), by code."""
    _readable(actor, outlet)
    found = Item.query(part_keys.stock_pk(outlet), Item.sk.startswith(suggestion_sk()),
                       limit=MAX_SUGGESTIONS, page_size=200)
    return {"items": [suggestion_json(s) for s in found if isinstance(s, Suggestion)]}


# ---------------------------------------------------------------- settings

def save_settings(actor: Actor, outlet: str, code: str, body: dict) -> dict:
    """PUT .../stock/{code}/settings: reorder point, maximum and bin at the settings' version
    the keeper saw (0: the line does not exist yet and is created). The low index and the
    changed index are set with them, so the warnings and the reorder job see the change."""
    _keeper(actor, outlet)
    code = _code(code)
    part = _part(code)
    point, top = int(body["reorder_point"]), int(body["max_level"])
    if top < point:
        raise ValidationFailed(fields={"max_level": ("not_below_reorder_point", {"limit": point})})
    bin_ = (body.get("bin") or "").strip() or None
    seen = int(body["version"])
    for _attempt in range(SETTING_ATTEMPTS):
        current = ledger.get_stock(outlet, code)
        if (int(current.version or 0) if current else 0) != seen:
            raise StaleVersion()
        now = keys.iso(keys.utc_now())
        line = current or ledger.empty_line(outlet, part)
        line.reorder_point, line.max_level, line.bin = point, top, bin_
        line.changed_at = max(now, line.changed_at or "")
        line.updated_at = now
        line.version = seen + 1
        ledger.index_stock(line)
        try:
            _write_settings(line, current, seen)
        except TransactWriteError as error:
            if not cancelled_at(error, 0):
                raise
            continue  # created, moved or set meanwhile: read again (a new version is stale)
        count("StockSettingsSaved")
        return ledger.stock_json(line)
    raise StaleVersion("the stock kept changing; try again")


def _write_settings(line: Stock, current: Stock | None, seen: int) -> None:
    with TransactWrite(connection=connection()) as tx:
        if current is None:
            tx.save(line, condition=Stock.pk.does_not_exist())
            return
        actions = [Stock.reorder_point.set(line.reorder_point), Stock.max_level.set(line.max_level),
                   Stock.bin.set(line.bin) if line.bin else Stock.bin.remove(),
                   Stock.version.set(line.version), Stock.changed_at.set(line.changed_at),
                   Stock.updated_at.set(line.updated_at),
                   Stock.gsi1pk.set(line.gsi1pk), Stock.gsi1sk.set(line.gsi1sk)]
        actions += [Stock.gsi2pk.set(line.gsi2pk), Stock.gsi2sk.set(line.gsi2sk)] if line.gsi2pk \
            else [Stock.gsi2pk.remove(), Stock.gsi2sk.remove()]
        # on the settings' version seen and on the movements read (the low flag is computed
        # from those figures)
        tx.update(line, actions=actions,
                  condition=(Stock.version == seen) & (Stock.seq == int(current.seq or 0)))


# ---------------------------------------------------------------- movements

def move(actor: Actor, outlet: str, code: str, body: dict) -> dict:
    """POST .../stock/{code}/movements: goods received from a supplier (on hand up, what was on
    order down by as much as there was) or defective parts sent back to the supplier."""
    _keeper(actor, outlet)
    code = _code(code)
    _part(code)
    quantity, movement = int(body["quantity"]), body["movement"]
    note = (body.get("note") or "").strip() or None
    reference = (body.get("reference") or "").strip() or None
    refs = {"note": " · ".join(t for t in (reference, note) if t) or None, "reference": reference}
    if movement == "receive":
        def deltas(have: dict[str, int]) -> dict[str, int]:
            return {"on_hand": quantity, "on_order": -min(quantity, have["on_order"])}
    else:
        deltas = {"defective": -quantity}
    [stock] = ledger.commit(actor, [ledger.Move(outlet, code, movement, deltas, quantity, refs)])
    count("StockMovements")
    return ledger.stock_json(stock)
    for _attempt in range(3):
        if movement == "receive":
            current = ledger.get_stock(outlet, code)
            on_order = int(current.on_order or 0) if current else 0
            deltas = {"on_hand": quantity, "on_order": -min(quantity, on_order)}
        else:
            deltas = {"defective": -quantity}
        try:
            [stock] = ledger.commit(actor, [ledger.Move(outlet, code, movement, deltas, quantity,
                                                        refs)])
        except ledger.InsufficientStock as short:
            if movement == "receive":
                continue  # an order arrived meanwhile elsewhere: read on_order again
            raise short from None
        count("StockMovements")
        return ledger.stock_json(stock)
    raise StaleVersion("the stock kept changing; try again")


# ---------------------------------------------------------------- suggestions

def _suggestion(outlet: str, code: str) -> Suggestion:
    try:
        return Suggestion.get(part_keys.stock_pk(outlet), suggestion_sk(code), consistent_read=True)
    except Suggestion.DoesNotExist:
        raise NotFound() from None


def order(actor: Actor, outlet: str, code: str, body: dict) -> dict:
    """POST .../suggestions/{code}/order: the suggestion ordered (on order up, movement
    `order`), the suggestion removed in the same transaction."""
    _keeper(actor, outlet)
    code = _code(code)
    found = _suggestion(outlet, code)
    quantity = int(body.get("quantity") or found.quantity)
    note = (body.get("note") or "").strip() or None
    gone = ledger.Delete(Suggestion(part_keys.stock_pk(outlet), suggestion_sk(code)),
                         Suggestion.pk.exists())
    [stock] = ledger.commit(actor, [ledger.Move(outlet, code, "order", {"on_order": quantity},
                                                quantity, {"note": note})], [gone])
    count("SuggestionsOrdered")
    return ledger.stock_json(stock)


def dismiss(actor: Actor, outlet: str, code: str, body: dict) -> None:
    """POST .../suggestions/{code}/dismiss: the suggestion withdrawn with a reason, on the
    part's audit trail (the job proposes it again only when the line changes)."""
    _keeper(actor, outlet)
    code = _code(code)
    found = _suggestion(outlet, code)
    reason = body["reason"].strip()
    if not reason:
        raise ValidationFailed(fields={"reason": ("minLength", {})})
    now = keys.iso(keys.utc_now())
    event = catalogue.audit_event(actor, code, "dismiss_suggestion", {
        "outlet": outlet, "reason": reason, "quantity": int(found.quantity),
        "suggestion": suggestion_json(found)}, now)
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.delete(Suggestion(part_keys.stock_pk(outlet), suggestion_sk(code)),
                      condition=Suggestion.pk.exists())
            tx.save(event, condition=PartEvent.pk.does_not_exist())
    except TransactWriteError as error:
        if cancelled_at(error, 0):
            raise NotFound() from None
        raise
    count("SuggestionsDismissed")
