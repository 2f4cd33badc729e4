"""Issue 14, check 4 (second half): parts issued and neither used nor returned 3 days after
completion are flagged to the outlet's managers and keepers, once, however often the watch
runs."""

from __future__ import annotations

from datetime import timedelta

from chalicelib.kernel.store import keys
from chalicelib.modules.parts import overdue
from tests.conftest import evidence_for, inbox
from tests.mail_helpers import mailed_now
from tests.parts_req_helpers import TO_REPAIR, detail, issued, part, walk


def _notices(api, user: str, order: dict) -> list[dict]:
    items = inbox(api, user)
    return [n for n in items if n["order_id"] == order["id"] and n["notice"] == "parts_overdue"]


def test_unreturned_parts_are_flagged_once_to_the_manager_and_the_keeper(api, new_order,
                                                                         monkeypatch):
    p = part(api, stock=3)
    order = walk(api, new_order(), TO_REPAIR)
    issued(api, order, [(p["code"], 2)], user="sz_tech1")
    order = detail(api, order, "sz_tech1")
    data = evidence_for(api, order, "complete", "sz_tech1", {
        "fault_cause": "接触器烧蚀", "solution": "更换",
        "parts_replaced": [{"name": p["name"], "code": p["code"], "quantity": 1}]})
    done = api.act(order, "complete", "sz_tech1", data)
    assert done.status == 200, done.body
    [req] = done.body["parts"]["requisitions"]
    due = keys.parse_iso(req["return_due_at"])
    completed = keys.parse_iso(req["completed_at"])
    assert due - completed == timedelta(days=3)

    overdue.run(due - timedelta(minutes=1))
    assert not _notices(api, "sz_manager", order)
    overdue.run(due + timedelta(minutes=1))
    overdue.run(due + timedelta(days=1))
    for user in ("sz_manager", "sz_warehouse"):
        told = _notices(api, user, order)
        assert len(told) == 1, (user, told)
        assert p["code"] in told[0]["body"]
    assert not _notices(api, "sz_tech1", order)
    after = detail(api, order)
    [req] = after["parts"]["requisitions"]
    assert req["flagged_at"] is not None
    assert len([e for e in after["events"] if e["action"] == "parts_overdue"]) == 1
    # and by e-mail, once, to those who want e-mail (the demo's staff do), with the order's link
    mails = [m for m in mailed_now(monkeypatch).sent
             if order["id"] in m["text"] and p["code"] in m["text"]]
    assert len(mails) == 2 and {m["to"] for m in mails} == {_email("sz_manager"),
                                                            _email("sz_warehouse")}


def _email(username: str) -> str:
    from chalicelib.modules.directory import public as directory

    return directory.staff(username).email
