"""The nightly reorder (采购建议): for each outlet's warehouse, the stock lines that changed since
the last run (gsi1 STOCKCHANGED#<outlet>, after the watermark JOBS#PARTS / REORDER#<outlet>)
and nothing else are read. A line below its reorder point (on hand + on order − reserved <
reorder point) gets the open suggestion STOCK#<outlet> / SUGGEST#<code> for max − that, created
or its figures refreshed; a line no longer low loses it.

One open suggestion per part and warehouse however often, or however concurrently, the job
runs: the suggestion's key is the part's, it is created only where none exists (the loser of
two concurrent creations refreshes it instead), and the keepers' inbox notices are written in
the creating transaction, so they are told once per suggestion.

The watermark is the newest change read, held back by SKEW behind the run's clock: a movement
whose time was taken just before the run read and committed just after is read next time
(a line read twice is refreshed to the same figures: nothing changes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pynamodb.exceptions import PutError, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import cancelled_at, connection
from chalicelib.kernel.store.models import Item
from chalicelib.modules.directory import public as directory
from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.parts import keys as part_keys
from chalicelib.modules.parts import ledger
from chalicelib.modules.parts.domain import stock as rules
from chalicelib.modules.parts.keys import JOBS_PK, changed_pk, reorder_mark_sk, suggestion_sk
from chalicelib.modules.parts.models import JobMark, Stock, Suggestion

SKEW = timedelta(seconds=60)
MAX_KEEPERS = 30  # a notice and a mail each in the suggestion's transaction (at most 100 items)
BATCH = 100  # BatchGetItem takes at most 100 keys
NOTICE = "stock_low"  # 库存预警: the notifications' `notice` vocabulary (parts/vocabulary.py)
LEVEL = "handoff"  # a work notice, not a deadline's level
CONDITION_FAILED = "ConditionalCheckFailedException"


@dataclass
class Outcome:
    read: int = 0  # stock lines read (changed since the watermark)
    created: int = 0
    refreshed: int = 0
    withdrawn: int = 0
    notices: int = 0
    outlets: list = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        for name in ("read", "created", "refreshed", "withdrawn", "notices"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict:
        return {"read": self.read, "created": self.created, "refreshed": self.refreshed,
                "withdrawn": self.withdrawn, "notices": self.notices, "outlets": self.outlets}


def link(outlet: str, code: str) -> str:
    """The SPA's page of the line (the warehouse's stock, the part's drawer open)."""
    return f"/parts/stock?outlet={outlet}&code={code}"


# ---------------------------------------------------------------- reads

def _mark(outlet: str) -> str | None:
    try:
        return JobMark.get(JOBS_PK, reorder_mark_sk(outlet), consistent_read=True).value
    except JobMark.DoesNotExist:
        return None


def changed_lines(outlet: str, since: str | None) -> list[Stock]:
    """The outlet's stock lines whose figures or settings changed after `since` (all of them
    the first time), oldest change first: one Query of gsi1, page by page."""
    condition = Item.gsi1sk > since if since else None
    lines: dict[str, Stock] = {}
    for item in Item.gsi1.query(changed_pk(outlet), condition, page_size=500):
        if isinstance(item, Stock):
            lines[item.code] = item
    return list(lines.values())


def open_suggestions(outlet: str, codes: list[str]) -> dict[str, Suggestion]:
    """The open suggestions of these parts (BatchGetItem, 100 keys a request)."""
    found: dict[str, Suggestion] = {}
    for start in range(0, len(codes), BATCH):
        keys_ = [(part_keys.stock_pk(outlet), suggestion_sk(c)) for c in codes[start:start + BATCH]]
        for item in Suggestion.batch_get(keys_, consistent_read=True):
            found[item.code] = item
    return found


# ---------------------------------------------------------------- the notice

def compose(line: Stock, proposal: rules.Proposal) -> tuple[dict, dict]:
    """The keepers' notice of a new suggestion, in both languages (the reader's is shown)."""
    unit = line.unit or ""
    return notifications.notice_texts(NOTICE, f"{line.code} {line.name}", {
        "zh": (f"配件 {line.code} {line.name} 低于再订货点：在库 + 在途采购 − 已预留 = "
               f"{proposal.rule}。建议采购 {proposal.quantity} {unit}（补到上限 "
               f"{int(line.max_level)}）。"),
        "en": (f"Part {line.code} {line.name} is below its reorder point: on hand + "
               f"on order − reserved = {proposal.rule}. Suggested purchase: "
               f"{proposal.quantity} {unit} (up to the maximum of {int(line.max_level)}).")})


def _keepers(outlet: str) -> list:
    people = [p for p in directory.staff_now(outlet, "warehouse") if p.active]
    return sorted(people, key=lambda p: p.username)[:MAX_KEEPERS]


def _notices(line: Stock, proposal: rules.Proposal, at: str, keepers: list) -> list:
    """Each keeper's inbox notice, and their e-mail unless they opted out."""
    title, body = compose(line, proposal)
    return notifications.tell_entries(
        keepers, at=at, level=LEVEL, notice=NOTICE, title=title, body=body,
        link=link(line.outlet, line.code), subject_kind="part_stock",
        subject_id=f"{line.outlet}#{line.code}", reference=line.code)


# ---------------------------------------------------------------- writes

def _suggestion(line: Stock, proposal: rules.Proposal, at: str, created_at: str) -> Suggestion:
    have = ledger.figures(line)
    return Suggestion(part_keys.stock_pk(line.outlet), suggestion_sk(line.code), outlet=line.outlet,
                      code=line.code, name=line.name, on_hand=have["on_hand"],
                      reserved=have["reserved"], on_order=have["on_order"],
                      reorder_point=int(line.reorder_point or 0),
                      max_level=int(line.max_level or 0), quantity=proposal.quantity,
                      created_at=created_at, updated_at=at)


def _same(found: Suggestion, fresh: Suggestion) -> bool:
    return all(int(getattr(found, name)) == int(getattr(fresh, name)) for name in
               ("on_hand", "reserved", "on_order", "reorder_point", "max_level", "quantity"))


def _create(line: Stock, proposal: rules.Proposal, at: str, keepers: list) -> int | None:
    """The new suggestion with the keepers' notices; None when another run created it first."""
    notices = _notices(line, proposal, at, keepers)
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(_suggestion(line, proposal, at, at), condition=Suggestion.pk.does_not_exist())
            for item, condition in notices:
                tx.save(item, condition=condition)
    except TransactWriteError as error:
        if cancelled_at(error, 0):
            return None
        raise
    return len(notices)


def _refresh(fresh: Suggestion) -> None:
    """The open suggestion's figures now (only while it is still open)."""
    try:
        fresh.update(actions=[getattr(Suggestion, n).set(getattr(fresh, n)) for n in (
            "name", "on_hand", "reserved", "on_order", "reorder_point", "max_level", "quantity",
            "updated_at")], condition=Suggestion.pk.exists())
    except UpdateError as error:  # withdrawn or ordered meanwhile: nothing to refresh
        if error.cause_response_code != CONDITION_FAILED:
            raise


def reorder_outlet(outlet: str, now: datetime) -> Outcome:
    """One outlet's run (see the module's docstring)."""
    outcome = Outcome()
    mark = _mark(outlet)
    lines = changed_lines(outlet, mark)
    outcome.read = len(lines)
    if not lines:
        return outcome
    at = keys.iso(now)
    found = open_suggestions(outlet, [line.code for line in lines])
    keepers: list | None = None  # read once, when the first new suggestion needs them
    for line in lines:
        proposal = rules.proposal(ledger.figures(line), int(line.reorder_point or 0),
                                  int(line.max_level or 0))
        existing = found.get(line.code)
        if proposal is None:
            if existing is not None:
                Suggestion(part_keys.stock_pk(outlet), suggestion_sk(line.code)).delete()
                outcome.withdrawn += 1
            continue
        if existing is None:
            if keepers is None:
                keepers = _keepers(outlet)
            told = _create(line, proposal, at, keepers)
            if told is not None:
                outcome.created += 1
                outcome.notices += told
                continue
            existing = Suggestion.get(part_keys.stock_pk(outlet), suggestion_sk(line.code),
                                      consistent_read=True)
        fresh = _suggestion(line, proposal, at, existing.created_at)
        if not _same(existing, fresh):
            _refresh(fresh)
            outcome.refreshed += 1
    _advance(outlet, mark, max(line.gsi1sk for line in lines), now)
    return outcome


def _advance(outlet: str, mark: str | None, newest: str, now: datetime) -> None:
    """The watermark: the newest change read, but not later than the run's clock less SKEW
    (never backwards: a concurrent run that got further keeps its mark)."""
    value = min(newest, keys.iso(now - SKEW))
    if mark is not None and value <= mark:
        return
    item = JobMark(JOBS_PK, reorder_mark_sk(outlet), value=value, updated_at=keys.iso(now))
    condition = JobMark.pk.does_not_exist() if mark is None else (JobMark.value == mark)
    try:
        item.save(condition=condition)
    except PutError as error:  # another run moved it meanwhile: theirs stands
        if error.cause_response_code != CONDITION_FAILED:
            raise


def run(now: datetime) -> dict:
    """Every outlet's warehouse (outlets from the directory)."""
    total = Outcome()
    for outlet in directory.all_outlets():
        done = reorder_outlet(outlet.code, now)
        total.add(done)
        if done.read:
            total.outlets.append(outlet.code)
    return total.as_dict()
