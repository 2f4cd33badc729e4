"""SLA subjects: a kind of subject the engine has never seen — a consultation, declared by this
test alone — starts, pauses, resumes and stops its clock through the engine's public surface,
is warned, breached and escalated by the sweep exactly once, and shows on the at-risk board and
in the inbox with its own link. Nothing of the engine changes for it.

Also: watches written before subjects had kinds (no kind, no link) still read as work orders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import connection
from chalicelib.kernel.store.collection import Collection
from chalicelib.kernel.store.models import Item
from chalicelib.modules.sla import public as sla
from chalicelib.modules.sla import subjects
from chalicelib.modules.sla import sweep as sla_sweep
from chalicelib.modules.sla.models import SlaWatch
from chalicelib.modules.sla.store import index_watch
from tests.conftest import inbox
from tests.sla_helpers import frozen, minutes, shanghai

KIND = "test_consultation"  # the consultations area registers "consultation" itself


@dataclass
class Consultation:
    """The test's own subject: an owner keeps its clocks on it, as orders do."""

    id: str
    number: str
    customer: str = "咨询客户甲"
    outlet: str = "SZ"
    state: str = "received"
    handler: str | None = "sz_agent"
    clocks: dict = field(default_factory=dict)

    @property
    def partition(self) -> str:
        return f"CONSULT#{self.id}"


def describe(c: Consultation) -> sla.Subject:
    return sla.Subject(kind=KIND, id=c.id, partition=c.partition, outlet=c.outlet,
                       reference=c.number, title=c.customer, priority="general",
                       assignee=c.handler, assignee_name="客服专员")


STATES: dict[str, str] = {}  # the owner's store of its consultations' states


CONSULTATION = sla.SubjectKind(KIND, link=lambda cid: f"/consultations/{cid}",
                               noun={"zh": "咨询", "en": "consultation"}, describe=describe,
                               states=lambda ids: {i: STATES[i] for i in ids if i in STATES})


@pytest.fixture(scope="module", autouse=True)
def consultations():
    sla.register_subject(CONSULTATION)  # as its area's setup would


def _change(c: Consultation, at, change) -> None:
    """What the consultation's owner does: read its collection, change the clocks through the
    engine, keep them on the subject and write the watches in its own transaction."""
    known = Collection(Item.query(c.partition, consistent_read=True))
    clocks = sla.Clocks(describe(c), c.clocks, at)
    change(clocks)
    c.clocks = clocks.clocks
    STATES[c.id] = c.state
    with TransactWrite(connection=connection()) as tx:
        for item, condition in sla.watch_writes(describe(c), c.clocks, known):
            tx.save(item, condition=condition)


def _inbox(api, user: str, number: str) -> list[dict]:
    """The deadline notices about this subject (not a work order's hand-off notices)."""
    items = inbox(api, user)
    return [n for n in items if n["number"] == number and n["clock"]]


def _board(api, at, consultation: Consultation) -> list[dict]:
    with frozen(at):
        rows = api.get("/api/sla/at-risk?horizon_hours=24", "sz_manager").body["items"]
    return [r for r in rows if r["order_id"] == consultation.id]


def test_a_consultation_clock_is_paused_warned_breached_escalated_once_and_stopped(api):
    start = shanghai("2025-07-07 10:00")  # a Monday
    c = Consultation(id=keys.new_id("cs"), number=f"ZX-{keys.new_id('n')[-6:].upper()}")
    _change(c, start, lambda clocks: clocks.start("response", "opened"))  # 24 h, calendar
    assert c.clocks["response"]["due_at"] == "2025-07-08T02:00:00.000Z"
    watch = Collection(Item.query(c.partition)).one(SlaWatch)
    # the watch names its kind; its link is the kind's for the id (not stored: derived)
    assert watch.subject_kind == KIND and watch.link is None
    assert subjects.link_of(watch.subject_kind, watch.subject_id, watch.link) == \
        f"/consultations/{c.id}"

    _change(c, start + minutes(60), lambda clocks: clocks.pause_all())
    assert _board(api, start + minutes(90), c) == []  # a paused clock is not on the board
    _change(c, start + minutes(180), lambda clocks: clocks.resume_all())
    assert c.clocks["response"]["due_at"] == "2025-07-08T04:00:00.000Z"  # + 2 h paused

    sla_sweep.sweep(start + minutes(21 * 60))  # warning at 80 % + 2 h: 21 h 12 min
    assert _inbox(api, "sz_agent", c.number) == []
    for _ in range(2):
        sla_sweep.sweep(start + minutes(21 * 60 + 15))
    [warning] = _inbox(api, "sz_agent", c.number)
    assert (warning["level"], warning["clock"]) == ("warning", "response")
    assert warning["subject_kind"] == KIND and warning["link"] == f"/consultations/{c.id}"
    assert warning["order_id"] == c.id and warning["subject_id"] == c.id
    assert f"咨询 {c.number}（客户：咨询客户甲）" in warning["body"]
    assert "http" not in warning["body"]  # the inbox opens the subject by its relative link

    [row] = _board(api, start + minutes(21 * 60 + 15), c)
    assert row["subject_kind"] == KIND and row["link"] == f"/consultations/{c.id}"
    assert (row["number"], row["customer_name"], row["state"]) == (c.number, "咨询客户甲", "received")
    assert row["clock"]["status"] == "at_risk" and row["technician_name"] == "客服专员"

    for _ in range(2):
        sla_sweep.sweep(start + minutes(26 * 60 + 1))
        sla_sweep.sweep(start + minutes(30 * 60 + 1))
    assert [n["level"] for n in _inbox(api, "sz_manager", c.number)] == ["breach"]
    assert [n["level"] for n in _inbox(api, "hq_admin", c.number)] == ["escalation"]
    assert [n["level"] for n in _inbox(api, "sz_agent", c.number)] == ["warning"]
    english = inbox(api, "hq_admin", "en")
    assert any(n["number"] == c.number and f"of consultation {c.number}" in n["body"]
               for n in english)

    _change(c, start + minutes(31 * 60), lambda clocks: clocks.stop("response"))
    assert c.clocks["response"]["outcome"] == "missed"
    assert _board(api, start + minutes(31 * 60), c) == []
    sla_sweep.sweep(start + minutes(40 * 60))
    assert len(_inbox(api, "sz_manager", c.number)) == 1


def test_a_watch_written_before_subject_kinds_reads_as_a_work_order(api):
    now = shanghai("2025-07-14 10:00")
    order_id, number = keys.new_id("wo"), f"SZ-20250714-{keys.new_id('n')[-4:]}"
    due, warn = keys.iso(now + minutes(30)), keys.iso(now - minutes(1))
    legacy = SlaWatch(subject_id=order_id, clock="contact", run=1, outlet="SZ",
                      reference=number, title="老客户", priority="general",
                      subject_state="dispatched", assignee="sz_tech1", assignee_name="张伟",
                      state="running", basis="calendar", started_at=keys.iso(now - minutes(60)),
                      due_at=due, warning_at=warn, next_check=warn,
                      levels=[{"name": "warning", "at": warn, "notify": ["assignee"]}],
                      notified=[])
    index_watch(legacy, keys.order_pk(order_id))
    legacy.save()
    stored = SlaWatch._get_connection().get_item(keys.order_pk(order_id), "WATCH#contact")["Item"]
    assert "subject_kind" not in stored and "link" not in stored  # as items written before
    assert stored["order_id"] == {"S": order_id} and stored["number"] == {"S": number}

    with frozen(now):
        [row] = [r for r in api.get("/api/sla/at-risk?horizon_hours=1", "sz_manager").body["items"]
                 if r["order_id"] == order_id]
    assert row["subject_kind"] == "work_order" and row["link"] == f"/work-orders/{order_id}"
    sla_sweep.sweep(now)
    [note] = _inbox(api, "sz_tech1", number)
    assert note["subject_kind"] == "work_order" and note["link"] == f"/work-orders/{order_id}"
    assert f"工单 {number}" in note["body"] and "http" not in note["body"]


def test_work_orders_on_the_board_and_in_the_inbox_name_their_kind_and_link(api, new_order):
    start = shanghai("2025-07-21 10:00")
    with frozen(start):
        order = api.act(new_order(), "dispatch", "sz_manager", {"technician": "sz_tech3"}).body
    sla_sweep.sweep(start + minutes(17))
    [note] = _inbox(api, "sz_tech3", order["number"])
    assert note["subject_kind"] == "work_order" and note["link"] == f"/work-orders/{order['id']}"
    with frozen(start + minutes(17)):
        rows = api.get("/api/sla/at-risk?horizon_hours=1", "sz_manager").body["items"]
    [row] = [r for r in rows if r["order_id"] == order["id"] and r["clock"]["name"] == "contact"]
    assert row["subject_kind"] == "work_order" and row["link"] == f"/work-orders/{order['id']}"
