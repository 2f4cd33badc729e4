"""The stock engine: every figure of a stock line changes here and only here, in one transaction
with its immutable ledger entry (so the ledger and the figures always agree) and with whatever
the caller's change is (a requisition at the version read, an order event, a transfer…).

Concurrency: a movement reads the stock lines it moves (one consistent BatchGetItem), computes
the new figures and writes each line on the `seq` it read. When another movement got there
first, it reads again and retries: the second of two concurrent issues of the last unit reads
on hand 0 and is refused with `insufficient_stock` — stock never goes below zero and no
movement is lost. A condition of the caller's own items failing is the user's stale version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.errors import InvalidTransition, StaleVersion
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import Page, cancel_code, connection, ensure_fits, one_page
from chalicelib.kernel.store.models import Item
from chalicelib.modules.parts.domain import stock as rules
from chalicelib.modules.parts.keys import (
    changed_pk,
    ledger_pk,
    low_pk,
    part_key,
    stock_pk,
    stock_sk,
    use_sk,
)
from chalicelib.modules.parts.models import Consumption, LedgerEntry, Part, Stock

ATTEMPTS = 8  # a line moved by someone else meanwhile: read again (each loss is another's win)
CONSUMING = {"issue": 1, "return": -1, "defective": -1}  # what counts as consumption (ABC)


class InsufficientStock(InvalidTransition):
    """A movement would take a stock figure below zero (409 `insufficient_stock`)."""

    code = "insufficient_stock"


@dataclass
class Move:
    """One movement of one part in one outlet's warehouse."""

    outlet: str
    code: str
    movement: str  # domain.stock.MOVEMENTS
    # figure -> change; or, when the change depends on the figures as read (a receipt takes off
    # what is on order, as much as there is), a function of them, evaluated on every attempt
    deltas: dict[str, int] | Callable[[dict[str, int]], dict[str, int]]
    quantity: int
    refs: dict = field(default_factory=dict)


@dataclass
class Delete:
    """A caller's item to delete in the movement's transaction, on a condition."""

    item: Item
    condition: object = None


@dataclass
class Update:
    """A caller's item to update in the movement's transaction (PynamoDB update actions)."""

    item: Item
    actions: list
    condition: object = None


Entry = tuple[Item, object] | Delete | Update  # a plain pair is a put on its condition
After = Callable[[dict[tuple[str, str], Stock]], Iterable[Entry]] | None


def index_stock(stock: Stock) -> None:
    """The stock line's index entries: changed (the reorder job) and low (the warnings)."""
    stock.pk, stock.sk = stock_pk(stock.outlet), stock_sk(stock.code)
    if stock.changed_at:
        stock.gsi1pk, stock.gsi1sk = changed_pk(stock.outlet), f"{stock.changed_at}#{stock.code}"
    if rules.is_low(figures(stock), int(stock.reorder_point or 0)):
        stock.gsi2pk, stock.gsi2sk = low_pk(stock.outlet), stock.code
    else:
        stock.gsi2pk = stock.gsi2sk = None


def figures(stock: Stock) -> dict[str, int]:
    return {f: int(getattr(stock, f) or 0) for f in rules.FIGURES}


# ---------------------------------------------------------------- reads

def get_stock(outlet: str, code: str) -> Stock | None:
    try:
        return Stock.get(stock_pk(outlet), stock_sk(code), consistent_read=True)
    except Stock.DoesNotExist:
        return None


def get_part(code: str) -> Part | None:
    try:
        return Part.get(*part_key(code))
    except Part.DoesNotExist:
        return None


def line_and_part(outlet: str, code: str) -> tuple[Stock | None, Part | None]:
    """A part's stock line in the warehouse and its catalogue entry, in one BatchGetItem."""
    stocks, parts = _read({(outlet, code)})
    return stocks.get((outlet, code)), parts.get(code)


def get_parts(codes) -> dict[str, Part]:
    """The catalogue's parts of these codes, by code, in one BatchGetItem."""
    return {p.code: p for p in Part.batch_get([part_key(c) for c in set(codes)])}


def _read(wanted: set[tuple[str, str]]) -> tuple[dict[tuple[str, str], Stock], dict[str, Part]]:
    """These (outlet, code) stock lines and their catalogue parts, in one consistent
    BatchGetItem."""
    codes = {code for _outlet, code in wanted}
    found = list(Item.batch_get([(stock_pk(o), stock_sk(c)) for o, c in wanted]
                                + [part_key(c) for c in codes], consistent_read=True))
    stocks = {(s.outlet, s.code): s for s in found if isinstance(s, Stock)}
    parts = {p.code: p for p in found if isinstance(p, Part)}
    return stocks, parts


def stock_page(outlet: str, prefix: str | None, low_only: bool, limit: int,
               start: dict | None) -> Page:
    """One page of the warehouse's stock lines by code (one Query): all of them, those whose
    code begins with `prefix`, or only the low ones (the sparse gsi2)."""
    if low_only:
        condition = Item.gsi2sk.startswith(prefix) if prefix else None
        results = Item.gsi2.query(low_pk(outlet), condition, limit=limit,
                                  page_size=limit, last_evaluated_key=start)
    else:
        results = Item.query(stock_pk(outlet), Item.sk.startswith(stock_sk(prefix or "")),
                             limit=limit, page_size=limit, last_evaluated_key=start)
    return one_page(results, Stock)


def entries(outlet: str, code: str, limit: int, start: dict | None) -> Page:
    """The part's ledger in the warehouse, newest first (one Query per page)."""
    return one_page(Item.query(ledger_pk(outlet, code), scan_index_forward=False, limit=limit,
                               page_size=limit, last_evaluated_key=start), LedgerEntry)


def book_at(outlet: str, code: str, at: str) -> int:
    """On hand as the book had it at `at`: the line's on hand now, less every change recorded
    after `at` by a movement the line had counted when it was read (a movement that lands
    between the two reads is neither in the figure nor subtracted)."""
    stock = get_stock(outlet, code)
    if stock is None:
        return 0
    seen = int(stock.seq or 0)
    later = 0
    for entry in Item.query(ledger_pk(outlet, code), Item.sk > at, consistent_read=True):
        if isinstance(entry, LedgerEntry) and entry.seq is not None and int(entry.seq) <= seen:
            later += int((entry.deltas or {}).get("on_hand", 0))
    return int(stock.on_hand or 0) - later


def stock_json(stock: Stock) -> dict:
    have = figures(stock)
    return {"outlet": stock.outlet, "code": stock.code, "name": stock.name, "unit": stock.unit,
            **have, "available": have["on_hand"] - have["reserved"],
            "reorder_point": int(stock.reorder_point or 0),
            "max_level": int(stock.max_level or 0), "bin": stock.bin,
            "abc_class": stock.abc_class,
            "low": rules.is_low(have, int(stock.reorder_point or 0)),
            "version": int(stock.version or 0), "updated_at": stock.updated_at}


def entry_json(entry: LedgerEntry) -> dict:
    refs = entry.refs or {}
    return {"at": entry.at, "seq": None if entry.seq is None else int(entry.seq),
            "movement": entry.movement, "quantity": int(entry.quantity),
            "deltas": {k: int(v) for k, v in (entry.deltas or {}).items()},
            "after": None if entry.after is None else {k: int(v) for k, v in entry.after.items()},
            "by": entry.by, "by_name": entry.by_name,
            **{k: refs.get(k) for k in ("order_id", "order_number", "requisition_id",
                                        "transfer_id", "count_id", "reason", "note")}}


# ---------------------------------------------------------------- the movement

def _later(previous: str | None, now: str) -> str:
    """A ledger time after the line's last one (clocks of two Lambdas may disagree by a few
    milliseconds; the ledger of one line must still read in the order it happened)."""
    if previous is None or now > previous:
        return now
    return keys.iso(keys.parse_iso(previous) + timedelta(milliseconds=1))


def empty_line(outlet: str, part: Part) -> Stock:
    """A part's line before anything moved it in the warehouse (figures 0, version 0)."""
    return Stock(stock_pk(outlet), stock_sk(part.code), outlet=outlet, code=part.code,
                 name=part.name, unit=part.unit, seq=0, version=0)


def _new_line(outlet: str, code: str, part: Part | None) -> Stock:
    if part is None:
        raise InsufficientStock(fields={f"stock.{code}": ("unknown_part", {"code": code})})
    return empty_line(outlet, part)


def commit(actor, moves: list[Move], extra: Iterable[Entry] = (), *, after: After = None,
           now=None) -> list[Stock]:
    """Write the moves (and the caller's `extra` items) in one transaction; see the module's
    docstring. `actor` None: a job. Returns the stock lines as written."""
    if any(not rules.MOVEMENTS[m.movement] for m in moves):
        raise ValueError("a movement that changes no figure is recorded with record()")
    extra = list(extra)
    for _attempt in range(ATTEMPTS):
        stocks, parts = _read({(m.outlet, m.code) for m in moves})
        at = keys.iso(now or keys.utc_now())
        written: dict[tuple[str, str], Stock] = {}
        seen: dict[tuple[str, str], tuple[int, int] | None] = {}
        ledger: list[Entry] = []
        uses: dict[tuple[str, str, str], list[int]] = {}
        for move in moves:
            line = (move.outlet, move.code)
            if line not in written:
                current = stocks.get(line)
                seen[line] = None if current is None else (int(current.seq or 0),
                                                           int(current.version or 0))
                written[line] = current or _new_line(move.outlet, move.code, parts.get(move.code))
            stock = written[line]
            have = figures(stock)
            deltas = move.deltas(have) if callable(move.deltas) else move.deltas
            try:
                new = rules.apply(move.code, have, move.movement, deltas)
            except rules.Shortfall as short:
                raise InsufficientStock(fields={f"stock.{short.code}": ("stock_short", {
                    "code": short.code, "figure": short.figure, "have": short.have,
                    "wanted": -short.change})}) from None
            part = parts.get(move.code)
            cost = int(part.cost_fen) if part is not None else None
            moved_at = _later(stock.last_at, at)
            for figure, value in new.items():
                setattr(stock, figure, value)
            stock.seq = int(stock.seq or 0) + 1
            stock.last_at = stock.changed_at = stock.updated_at = moved_at
            if part is not None:
                stock.name, stock.unit = part.name, part.unit
            ledger.append(_entry(actor, move.outlet, move.code, move.movement, move.quantity,
                                 move.refs, moved_at, cost, deltas=deltas, after=new,
                                 seq=int(stock.seq)))
            sign = CONSUMING.get(move.movement)
            if sign and cost is not None:
                key = (move.outlet, move.code, moved_at[:7])
                total = uses.setdefault(key, [0, 0])
                total[0] += sign * int(move.quantity)
                total[1] += sign * int(move.quantity) * cost
        for stock in written.values():
            index_stock(stock)
        more = list(after(written)) if after is not None else []
        callers: list[bool] = []  # per item of the request, in its order: the caller's?
        try:
            _write(written, seen, ledger, uses, extra + more, callers)
            return list(written.values())
        except TransactWriteError as error:
            reasons = [cancel_code(error, i) for i in range(len(callers))]
            if any(code == "ConditionalCheckFailed" and callers[i]
                   for i, code in enumerate(reasons)):
                raise StaleVersion() from None
            if any(code in ("ConditionalCheckFailed", "TransactionConflict") for code in reasons):
                continue  # a line moved meanwhile (or another transaction held it): read again
            raise
    raise StaleVersion("the stock kept changing; try again")


def record(actor, outlet: str, code: str, movement: str, quantity: int, refs: dict, at: str,
           unit_cost_fen: int | None) -> Entry:
    """The ledger entry of a movement that changes no figure (`use`: the issued part went into
    the repair), as an item of the caller's own transaction: it needs no stock line."""
    if rules.MOVEMENTS[movement]:
        raise ValueError(f"{movement} changes stock figures: use commit()")
    return _entry(actor, outlet, code, movement, quantity, refs, at, unit_cost_fen)


def _entry(actor, outlet: str, code: str, movement: str, quantity: int, refs: dict, at: str,
           unit_cost_fen: int | None, *, deltas: dict | None = None, after: dict | None = None,
           seq: int | None = None) -> Entry:
    """A new ledger entry as a transaction entry: a movement of the line's figures is keyed by
    its time and sequence (<at>#<seq>); one that changes none by its time and an id (<at>#u…)."""
    from chalicelib.modules.directory import public as directory

    entry = LedgerEntry(
        outlet=outlet, code=code, at=at, seq=seq, movement=movement, quantity=int(quantity),
        deltas={k: int(v) for k, v in (deltas or {}).items() if int(v)},
        after=dict(after) if after is not None else None, unit_cost_fen=unit_cost_fen,
        by=actor.username if actor is not None else None,
        by_name=directory.actor_name(actor) if actor is not None else None,
        refs={k: v for k, v in refs.items() if v is not None})
    entry.pk = ledger_pk(outlet, code)
    entry.sk = f"{at}#{seq:010d}" if seq is not None else f"{at}#u{keys.new_id('mv')}"
    return entry, LedgerEntry.pk.does_not_exist()


def _write(written: dict[tuple[str, str], Stock],
           seen: dict[tuple[str, str], tuple[int, int] | None],
           ledger: list[Entry], uses: dict[tuple[str, str, str], list[int]],
           extra: list[Entry], callers: list[bool]) -> None:
    """`callers` is filled with whether each item of the request is the caller's, in the
    request's order: PynamoDB sends deletes, then puts, then updates, whatever order they
    were added in (a cancellation reason's position is the request's)."""
    ensure_fits(len(written) + len(ledger) + len(uses) + len(extra))
    kinds = {"delete": [], "put": [], "update": []}
    for line in written:
        kinds["put" if seen[line] is None else "update"].append(False)
    kinds["put"] += [False] * len(ledger)
    kinds["update"] += [False] * len(uses)
    for entry in extra:
        kind = "delete" if isinstance(entry, Delete) else "update" if isinstance(entry, Update) \
            else "put"
        kinds[kind].append(True)
    callers[:] = kinds["delete"] + kinds["put"] + kinds["update"]
    with TransactWrite(connection=connection()) as tx:
        for line, stock in written.items():
            if seen[line] is None:
                tx.save(stock, condition=Stock.pk.does_not_exist())
            else:
                # on the movements and the settings read: a reorder point changed meanwhile
                # would leave the line's low flag computed from the old one
                seq, version = seen[line]
                tx.update(stock, actions=_line_actions(stock),
                          condition=(Stock.seq == seq) & (Stock.version == version))
        for item, condition in ledger:
            tx.save(item, condition=condition)
        for (outlet, code, month), (quantity, value) in uses.items():
            use = Consumption(stock_pk(outlet), use_sk(month, code))
            tx.update(use, actions=[Consumption.quantity.add(quantity),
                                    Consumption.value_fen.add(value),
                                    Consumption.outlet.set(outlet), Consumption.code.set(code),
                                    Consumption.month.set(month),
                                    Item.kind.set(Consumption)])
        for entry in extra:
            _put(tx, entry)


def _line_actions(stock: Stock) -> list:
    """What a movement sets on an existing line: its figures and bookkeeping, never the
    settings the keeper edits on their own version."""
    actions = [getattr(Stock, f).set(int(getattr(stock, f))) for f in rules.FIGURES]
    actions += [Stock.seq.set(int(stock.seq)), Stock.name.set(stock.name)]
    for name in ("unit", "last_at", "changed_at", "updated_at", "gsi1pk", "gsi1sk", "gsi2pk",
                 "gsi2sk"):
        value = getattr(stock, name)
        attribute = getattr(Stock, name)
        actions.append(attribute.set(value) if value is not None else attribute.remove())
    return actions


def _put(tx: TransactWrite, entry: Entry) -> None:
    """A caller's item: a put on its condition (a versioned model's put also checks and bumps
    its version: PynamoDB does so on save), a Delete or an Update."""
    if isinstance(entry, Delete):
        tx.delete(entry.item, condition=entry.condition)
    elif isinstance(entry, Update):
        tx.update(entry.item, actions=entry.actions, condition=entry.condition)
    else:
        item, condition = entry
        tx.save(item, condition=condition)
