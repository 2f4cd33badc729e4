"""Stock counts (盘点) of an outlet's warehouse: the keeper starts one (its snapshot is the time:
nothing is copied), counts part by part on a phone (the book figure of a line is the ledger's
on hand as of the snapshot, computed when the line is counted, so movements during the count
do not disturb it), submits (every variance needs a reason), and the outlet's manager approves:
each variance is posted as an `adjust` movement with its reason through the stock engine, the
line marked posted in the same transaction (a retried approval posts the rest only), or
rejects it back to counting. The count's history is its audit trail. Another outlet's user gets
404; head office reads any outlet's counts."""

from __future__ import annotations

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.access import may_read_outlet
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import Forbidden, InvalidTransition, NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.observability import count as metric
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import cancel_code, connection, one_page
from chalicelib.kernel.store.models import Item
from chalicelib.modules.parts import history, ledger
from chalicelib.modules.parts import keys as part_keys
from chalicelib.modules.parts.domain import counts as rules
from chalicelib.modules.parts.domain.catalogue import normal_code
from chalicelib.modules.parts.models import CountLine, StockCount

COUNT, APPROVE = "parts.counts.write", "parts.counts.approve"  # the keeper, the manager
OPEN = ("counting", "submitted")


class CountState(InvalidTransition):
    """The count is not in the state the action needs (409)."""

    code = "count_state"


class CountOpen(InvalidTransition):
    """The warehouse has a count in progress already (409): two open counts of one part would
    post its variance twice."""

    code = "count_open"


# ---------------------------------------------------------------- keys and reads

def _sk(count_id: str) -> str:
    return f"COUNT#{count_id}"


def _line_sk(count_id: str, code: str) -> str:
    return f"COUNT#{count_id}#L#{code}"


def _listed(outlet: str) -> str:
    return f"OUTLET#{outlet}#COUNTS"


def _get(outlet: str, count_id: str) -> StockCount | None:
    try:
        return StockCount.get(part_keys.stock_pk(outlet), _sk(count_id), consistent_read=True)
    except StockCount.DoesNotExist:
        return None


def _line(outlet: str, count_id: str, code: str) -> CountLine | None:
    try:
        return CountLine.get(part_keys.stock_pk(outlet), _line_sk(count_id, code),
                             consistent_read=True)
    except CountLine.DoesNotExist:
        return None


def _lines(outlet: str, count_id: str) -> list[CountLine]:
    """Every counted line of the count, by code (one query, paged by DynamoDB)."""
    found = Item.query(part_keys.stock_pk(outlet), Item.sk.startswith(_line_sk(count_id, "")),
                       consistent_read=True)
    return [line for line in found if isinstance(line, CountLine)]


def _readable(actor: Actor, outlet: str) -> None:
    if not may_read_outlet(actor, outlet):
        raise NotFound()


def _count(actor: Actor, outlet: str, count_id: str) -> StockCount:
    _readable(actor, outlet)
    found = _get(outlet, count_id)
    if found is None:
        raise NotFound()
    return found


def _as(actor: Actor, outlet: str, permission: str) -> None:
    """Only the outlet's own keeper (or manager) — another outlet's user does not see it."""
    _readable(actor, outlet)
    if not history.holds(actor, permission, outlet):
        raise Forbidden()


# ---------------------------------------------------------------- views

def allowed_actions(actor: Actor, found: StockCount) -> list[str]:
    keeper = history.holds(actor, COUNT, found.outlet)
    manager = history.holds(actor, APPROVE, found.outlet)
    if found.state == "counting":
        return ["count", "submit"] if keeper else []
    if found.state == "submitted":
        return ["approve", "reject"] if manager else []
    return []


def view(actor: Actor, found: StockCount) -> dict:
    return {"id": found.id, "outlet": found.outlet, "state": found.state,
            "snapshot_at": found.snapshot_at, "note": found.note,
            "codes": list(found.codes) if found.codes is not None else None,
            "counted_lines": int(found.counted_lines or 0),
            "variance_lines": int(found.variance_lines or 0),
            "variance_value_fen": int(found.variance_value_fen or 0),
            "created_by": found.created_by, "approved_by": found.approved_by,
            "version": int(found.version or 0), "created_at": found.created_at,
            "updated_at": found.updated_at,
            "history": history.history_view(found.history),
            "allowed_actions": allowed_actions(actor, found)}


def line_view(line: CountLine) -> dict:
    return {"code": line.code, "name": line.name, "book": int(line.book),
            "counted": int(line.counted), "variance": int(line.variance),
            "value_fen": int(line.value_fen or 0), "reason": line.reason,
            "counted_by": line.counted_by, "counted_at": line.counted_at,
            "posted": bool(line.posted)}


# ---------------------------------------------------------------- start, read

def start(actor: Actor, outlet: str, body: dict) -> dict:
    """A new count of the outlet's warehouse as of now (the keeper of the outlet)."""
    _as(actor, outlet, COUNT)
    latest = one_page(Item.gsi1.query(_listed(outlet), scan_index_forward=False, limit=1,
                                      page_size=1), StockCount).items
    if latest and latest[0].state in OPEN:
        raise CountOpen()
    codes = None
    if body.get("codes"):
        codes = [c.strip().upper() for c in body["codes"]]
        problems = {f"codes.{i}": ("duplicate", {}) for i, c in enumerate(codes) if c in codes[:i]}
        if problems:
            raise ValidationFailed(fields=problems)
        known = set(ledger.get_parts(codes))
        problems = {f"codes.{i}": ("unknown_part", {"code": c}) for i, c in enumerate(codes)
                    if c not in known}
        if problems:
            raise ValidationFailed(fields=problems)
    now = keys.iso(keys.utc_now())
    count_id = keys.new_id("ct")
    note = history.note_text(body.get("note"))
    found = StockCount(part_keys.stock_pk(outlet), _sk(count_id), id=count_id, outlet=outlet,
                       state="counting", snapshot_at=now, note=note, codes=codes,
                       counted_lines=0, variance_lines=0, variance_value_fen=0,
                       history=[history.entry(actor, "start", now, note)], created_by=actor.username,
                       created_at=now, updated_at=now)
    found.gsi1pk, found.gsi1sk = _listed(outlet), f"{now}#{count_id}"
    found.save(condition=StockCount.pk.does_not_exist())
    metric("PartsCountStarted")
    return view(actor, found)


def list_counts(actor: Actor, outlet: str, params: dict) -> dict:
    """The warehouse's counts, newest first (one query per page)."""
    _readable(actor, outlet)
    limit = limit_of(params)

    def read(start_key):
        return one_page(Item.gsi1.query(_listed(outlet), scan_index_forward=False, limit=limit,
                                        page_size=limit, last_evaluated_key=start_key),
                        StockCount)

    return read_page(f"parts_counts#{outlet}", actor, params, read, lambda c: view(actor, c))


def detail(actor: Actor, outlet: str, count_id: str) -> dict:
    """The count and its lines: the variance report (book, counted, variance, value, reason)."""
    return _answer(actor, _count(actor, outlet, count_id), _lines(outlet, count_id))


def _answer(actor: Actor, found: StockCount, lines: list[CountLine]) -> dict:
    return {"count": view(actor, found), "lines": [line_view(line) for line in lines]}


# ---------------------------------------------------------------- counting

def count_line(actor: Actor, outlet: str, count_id: str, raw_code: str, body: dict) -> dict:
    """Record what the keeper found of one part (re-counting replaces the line, on the version
    read); the count's totals follow in the same transaction."""
    _as(actor, outlet, COUNT)
    found = _count(actor, outlet, count_id)
    if found.state != "counting":
        raise CountState()
    code = normal_code(raw_code)
    if code is None:
        raise ValidationFailed(fields={"code": ("invalid", {})})
    if found.codes is not None and code not in found.codes:
        raise ValidationFailed(fields={"code": ("not_in_count", {"code": code})})
    part = ledger.get_part(code)
    if part is None:
        raise ValidationFailed(fields={"code": ("unknown_part", {"code": code})})
    before = _line(outlet, count_id, code)
    if before is not None and before.posted:
        raise CountState()
    book = int(before.book) if before is not None else ledger.book_at(outlet, code,
                                                                      found.snapshot_at)
    counted = int(body["counted"])
    var = rules.variance(counted, book)
    value = rules.value_fen(var, int(part.cost_fen or 0))
    now = keys.iso(keys.utc_now())
    line = before or CountLine(part_keys.stock_pk(outlet), _line_sk(count_id, code),
                               count_id=count_id, outlet=outlet, code=code, book=book)
    line.name, line.counted, line.variance, line.value_fen = part.name, counted, var, value
    line.reason = history.note_text(body.get("reason"))
    line.counted_by, line.counted_at, line.posted = actor.username, now, False
    old_var = int(before.variance) if before is not None else 0
    old_value = int(before.value_fen or 0) if before is not None else 0
    counters = [StockCount.counted_lines.add(0 if before is not None else 1),
                StockCount.variance_lines.add(int(bool(var)) - int(bool(old_var))),
                StockCount.variance_value_fen.add(value - old_value)]
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(line)  # puts come first in the transaction: position 0
            # the totals only, never the count's version (the state's, which keepers counting
            # on several phones at once must not bump): the untyped base item carries no version
            tx.update(Item(found.pk, found.sk), actions=counters,
                      condition=StockCount.state == "counting")
    except TransactWriteError as error:
        if cancel_code(error, 1) == "ConditionalCheckFailed":
            raise CountState() from None
        if cancel_code(error, 0) in ("ConditionalCheckFailed", "TransactionConflict") or \
                cancel_code(error, 1) == "TransactionConflict":
            raise StaleVersion() from None
        raise
    return line_view(line)


# ---------------------------------------------------------------- submit, approve, reject

def _counted(lines: list[CountLine]) -> list[rules.Counted]:
    return [rules.Counted(line.code, int(line.book), int(line.counted), line.reason,
                          bool(line.posted)) for line in lines]


def _move_on(actor: Actor, found: StockCount, action: str, state: str, note: str | None,
             more: list | None = None) -> None:
    """The count to its next state, on the version the user saw, with its history entry."""
    now = keys.iso(keys.utc_now())
    change, _trail = history.step(StockCount, found, actor, action, state, note, now)
    history.save_step(found, [*change, *(more or [])])


def _checked(actor: Actor, outlet: str, count_id: str, permission: str, state: str,
             body: dict) -> StockCount:
    _as(actor, outlet, permission)
    found = _count(actor, outlet, count_id)
    if found.state != state:
        raise CountState()
    if int(body["version"]) != int(found.version or 0):
        raise StaleVersion()
    return found


def submit(actor: Actor, outlet: str, count_id: str, body: dict) -> dict:
    """The keeper hands the count to the manager: every part of its sheet counted, every
    variance with a reason (400 naming `lines.<code>.reason`)."""
    found = _checked(actor, outlet, count_id, COUNT, "counting", body)
    lines = _lines(outlet, count_id)
    problems = rules.submit_problems(_counted(lines), found.codes)
    if problems:
        raise ValidationFailed(fields=problems)
    totals = rules.totals((int(line.variance), int(line.value_fen or 0)) for line in lines)
    _move_on(actor, found, "submit", "submitted", history.note_text(body.get("note")), [
        StockCount.counted_lines.set(totals.counted_lines),
        StockCount.variance_lines.set(totals.variance_lines),
        StockCount.variance_value_fen.set(totals.variance_value_fen)])
    metric("PartsCountSubmitted")
    return _answer(actor, found, lines)  # `found` as the update wrote it


def approve(actor: Actor, outlet: str, count_id: str, body: dict) -> dict:
    """The outlet's manager posts every variance as an `adjust` movement with its reason, in
    transactions of at most rules.BATCH lines (each line marked posted in its movement's
    transaction, on posted false: an approval retried or made twice posts each line once),
    then the count is approved."""
    found = _checked(actor, outlet, count_id, APPROVE, "submitted", body)
    lines = {line.code: line for line in _lines(outlet, count_id)}
    pending = rules.to_post(_counted(list(lines.values())))
    for batch in rules.batches(pending):
        moves, marks = [], []
        for item in batch:
            line = lines[item.code]
            moves.append(ledger.Move(outlet, item.code, "adjust", {"on_hand": item.variance},
                                     item.variance, {"count_id": count_id,
                                                     "reason": line.reason}))
            marks.append(ledger.Update(line, [CountLine.posted.set(True)],
                                       CountLine.posted == False))  # noqa: E712
        ledger.commit(actor, moves, marks)
        for item in batch:
            lines[item.code].posted = True
    _move_on(actor, found, "approve", "approved", history.note_text(body.get("note")),
             [StockCount.approved_by.set(actor.username)])
    metric("PartsCountApproved")
    return _answer(actor, found, list(lines.values()))


def reject(actor: Actor, outlet: str, count_id: str, body: dict) -> dict:
    """The manager sends the count back to the keeper for recounting."""
    found = _checked(actor, outlet, count_id, APPROVE, "submitted", body)
    _move_on(actor, found, "reject", "counting", history.note_text(body.get("note")))
    metric("PartsCountRejected")
    return _answer(actor, found, _lines(outlet, count_id))
