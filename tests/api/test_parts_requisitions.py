"""Issue 14, checks 1, 2, 3 and 7: requisitions on a work order (见单发料), approval (head office
after the manager for an expensive line) reserving stock, the issue in one transaction that
never takes stock below zero, returns (a used part is not returnable; a faulty one goes to the
defective bin), and who may do what."""

from __future__ import annotations

from collections import Counter

from chalicelib.modules.parts.domain import requisitions as rules
from tests.conftest import race
from tests.parts_req_helpers import (
    TO_REPAIR,
    act,
    approved,
    detail,
    issued,
    ledger_sums,
    part,
    request,
    stock,
    walk,
)


def test_an_approved_requisition_is_issued_and_twenty_concurrent_issues_of_two_units_two_win(
        api, new_order):
    p = part(api, stock=5)
    order = new_order()
    req = approved(api, order, [(p["code"], 3)])
    assert stock(p["code"])["reserved"] == 3
    reply = act(api, req, "issue", "sz_warehouse")
    assert reply.status == 200, reply.body
    assert reply.body["state"] == "issued"
    assert reply.body["lines"][0]["issued"] == 3 and reply.body["lines"][0]["outstanding"] == 3
    assert stock(p["code"]) == {**stock(p["code"]), "on_hand": 2, "reserved": 0}
    events = [e for e in detail(api, order)["events"] if e["action"] == "parts_issued"]
    assert [(line["code"], line["quantity"]) for line in events[0]["data"]["lines"]] == [
        (p["code"], 3)]

    orders = [new_order() for _ in range(4)]
    reqs = [approved(api, orders[i % 4], [(p["code"], 1)]) for i in range(20)]
    assert stock(p["code"])["reserved"] == 20  # reserved beyond stock: a shortage, not refused
    pending = list(reqs)
    replies = race(20, lambda: act(api, pending.pop(), "issue", "sz_warehouse"))
    outcome = Counter((r.status, r.body.get("error", {}).get("code")) for r in replies)
    assert outcome == {(200, None): 2, (409, "insufficient_stock"): 18}, outcome
    now = stock(p["code"])
    assert now["on_hand"] == 0 and now["reserved"] == 18
    sums = ledger_sums(p["code"])
    assert sums["on_hand"] == now["on_hand"] and sums["reserved"] == now["reserved"]


def test_no_requisition_without_an_open_order_of_ones_own(api, new_order):
    p = part(api, stock=1)
    missing = api.post("/api/parts/requisitions", "sz_support",
                       {"lines": [{"code": p["code"], "quantity": 1}]})
    assert missing.status == 400 and "order_id" in missing.error["fields"]
    unknown = api.post("/api/parts/requisitions", "sz_support",
                       {"order_id": "wo_nosuchorder", "lines": [{"code": p["code"], "quantity": 1}]})
    assert unknown.status == 400 and unknown.error["fields"] == {
        "order_id": unknown.error["fields"]["order_id"]}
    cd_order = new_order("CD")
    other = request(api, cd_order, [(p["code"], 1)])
    assert other.status == 400 and "order_id" in other.error["fields"]
    order = new_order()
    cancelled = api.act(order, "cancel", "sz_manager", {"reason": "客户取消"})
    assert cancelled.status == 200
    closed = request(api, order, [(p["code"], 1)])
    assert closed.status == 400 and "order_id" in closed.error["fields"]
    bad_code = request(api, new_order(), [("NOSUCHPART42", 1)])
    assert bad_code.status == 400 and "lines.0.code" in bad_code.error["fields"]


def test_an_issue_before_approval_is_refused(api, new_order):
    p = part(api, stock=3)
    made = request(api, new_order(), [(p["code"], 1)])
    assert made.status == 201 and made.body["state"] == "submitted"
    reply = act(api, made.body, "issue", "sz_warehouse")
    assert reply.status == 409 and reply.error["code"] == "requisition_not_approved"
    assert stock(p["code"])["on_hand"] == 3


def test_a_2500_yuan_line_needs_head_office_after_the_manager(api, new_order):
    p = part(api, price=250000, cost=180000, stock=2)
    made = request(api, new_order(), [(p["code"], 1)])
    assert made.status == 201
    assert made.body["needs_head_office"] is True
    assert made.body["approval_reasons"] == [{"code": p["code"], "reason": "amount"}]
    first = act(api, made.body, "approve", "sz_manager", note="同意")
    assert first.status == 200 and first.body["state"] == "awaiting_head_office"
    assert stock(p["code"])["reserved"] == 0
    queue = api.get("/api/parts/requisitions?queue=head_office&limit=100", "hq_admin")
    assert queue.status == 200 and first.body["id"] in [r["id"] for r in queue.body["items"]]
    again = act(api, first.body, "approve", "sz_manager")
    assert again.status == 403
    early = act(api, first.body, "issue", "sz_warehouse")
    assert early.status == 409 and early.error["code"] == "requisition_not_approved"
    second = act(api, first.body, "approve", "hq_admin")
    assert second.status == 200 and second.body["state"] == "approved"
    assert [a["step"] for a in second.body["approvals"]] == ["manager", "head_office"]
    assert stock(p["code"])["reserved"] == 1
    gone = api.get("/api/parts/requisitions?queue=head_office&limit=100", "hq_admin")
    assert first.body["id"] not in [r["id"] for r in gone.body["items"]]


def test_a_cheap_line_the_manager_approves_alone_and_a_stale_version_is_refused(api, new_order):
    p = part(api, price=199999, stock=2)
    made = request(api, new_order(), [(p["code"], 1)])
    assert made.body["needs_head_office"] is False
    ok = act(api, made.body, "approve", "sz_manager")
    assert ok.status == 200 and ok.body["state"] == "approved"
    stale = act(api, made.body, "cancel", "sz_manager")
    assert stale.status == 409 and stale.error["code"] == "stale_version"


def test_cancel_and_reject_after_approval_release_the_reservation(api, new_order):
    p = part(api, stock=4)
    order = new_order()
    one = approved(api, order, [(p["code"], 2)])
    two = approved(api, order, [(p["code"], 1)])
    assert stock(p["code"])["reserved"] == 3
    cancelled = act(api, one, "cancel", "sz_support")
    assert cancelled.status == 200 and cancelled.body["state"] == "cancelled"
    rejected = act(api, two, "reject", "sz_manager", reason="方案不需要")
    assert rejected.status == 200 and rejected.body["state"] == "rejected"
    assert stock(p["code"])["reserved"] == 0
    movements = [e["action"] for e in detail(api, order)["events"]]
    assert {"parts_requested", "parts_approved", "parts_cancelled", "parts_rejected"} <= set(
        movements)


def test_a_partly_issued_requisition_cancelled_releases_the_rest_and_keeps_what_is_out(
        api, new_order):
    p = part(api, stock=5)
    order = new_order()
    req = approved(api, order, [(p["code"], 3)])
    part_issued = act(api, req, "issue", "sz_warehouse",
                      lines=[{"code": p["code"], "quantity": 1}])
    assert part_issued.status == 200 and part_issued.body["state"] == "approved"
    assert (stock(p["code"])["on_hand"], stock(p["code"])["reserved"]) == (4, 2)
    cancelled = act(api, part_issued.body, "cancel", "sz_support")
    assert cancelled.status == 200, cancelled.body
    [line] = cancelled.body["lines"]
    # what was issued stands (to be used or returned); the rest goes back to the warehouse
    assert cancelled.body["state"] == "issued"
    assert (line["issued"], line["released"], line["outstanding"]) == (1, 2, 1)
    assert (stock(p["code"])["on_hand"], stock(p["code"])["reserved"]) == (4, 0)
    assert "issue" not in cancelled.body["allowed_actions"]
    sums = {k: v for k, v in ledger_sums(p["code"]).items() if v}
    assert sums == {k: v for k, v in stock(p["code"]).items() if v}


def test_issued_three_used_two_returns_one_and_no_more_and_a_faulty_part_is_defective(
        api, new_order):
    p = part(api, stock=5)
    order = walk(api, new_order(), TO_REPAIR)
    req = issued(api, order, [(p["code"], 3)], user="sz_tech1")
    assert stock(p["code"])["on_hand"] == 2
    got = act(api, req, "receive", "sz_tech1")
    assert got.status == 200 and got.body["lines"][0]["received"] == 3
    order = detail(api, order, "sz_tech1")
    from tests.conftest import evidence_for

    data = evidence_for(api, order, "complete", "sz_tech1", {
        "fault_cause": "接触器烧蚀", "solution": "更换",
        "parts_replaced": [{"code": p["code"], "name": p["name"], "quantity": 2}]})
    done = api.act(order, "complete", "sz_tech1", data)
    assert done.status == 200, done.body
    [req] = done.body["parts"]["requisitions"]
    assert req["lines"][0]["used"] == 2 and req["lines"][0]["outstanding"] == 1
    assert req["return_due_at"] is not None

    back = act(api, req, "return", "sz_warehouse",
               lines=[{"code": p["code"], "quantity": 1, "condition": "unused"}])
    assert back.status == 200, back.body
    assert back.body["state"] == "closed" and back.body["return_due_at"] is not None
    assert stock(p["code"])["on_hand"] == 3
    used = act(api, back.body, "return", "sz_warehouse",
               lines=[{"code": p["code"], "quantity": 1, "condition": "unused"}])
    assert used.status == 409 and used.error["code"] in ("part_used", "invalid_transition")

    other = walk(api, new_order(), TO_REPAIR)
    faulty = issued(api, other, [(p["code"], 2)], user="sz_tech1")
    assert stock(p["code"])["on_hand"] == 1
    too_many = act(api, faulty, "return", "sz_warehouse",
                   lines=[{"code": p["code"], "quantity": 3, "condition": "faulty"}])
    assert too_many.status == 409 and too_many.error["code"] == "part_used"
    bin_ = act(api, faulty, "return", "sz_warehouse",
               lines=[{"code": p["code"], "quantity": 1, "condition": "faulty"}])
    assert bin_.status == 200 and bin_.body["lines"][0]["defective"] == 1
    now = stock(p["code"])
    assert now["defective"] == 1 and now["on_hand"] == 1  # not back into available stock
    sums = ledger_sums(p["code"])
    assert sums["on_hand"] == now["on_hand"] and sums["defective"] == 1


def test_a_technician_cannot_issue_and_another_outlets_keeper_sees_nothing(api, new_order):
    p = part(api, stock=2)
    order = walk(api, new_order(), TO_REPAIR)
    req = approved(api, order, [(p["code"], 1)], user="sz_tech1")
    own = act(api, req, "issue", "sz_tech1")
    assert own.status == 403
    cd = act(api, req, "issue", "cd_warehouse")
    assert cd.status == 404
    cd_queue = api.get("/api/parts/requisitions?queue=to_issue&outlet=SZ", "cd_warehouse")
    assert cd_queue.status == 404
    mine = api.get("/api/parts/requisitions?queue=to_issue&limit=100", "sz_warehouse")
    assert mine.status == 200
    listed = next(r for r in mine.body["items"] if r["id"] == req["id"])
    assert "issue" in listed["allowed_actions"]
    seen = detail(api, order, "sz_tech1")["parts"]["requisitions"][0]
    assert "issue" not in seen["allowed_actions"] and "cancel" in seen["allowed_actions"]
    assert stock(p["code"])["on_hand"] == 2


def test_a_keeper_never_issues_to_their_own_requisition_or_an_order_they_work_on():
    lines = [{"code": "P1", "quantity": 1, "issued": 0}]
    keeper = rules.Reader("keeper", "warehouse", frozenset({"keeper"}))
    for who, requester in ((keeper, "someone"), (rules.Reader("keeper", "warehouse",
                                                               frozenset()), "keeper")):
        try:
            rules.check("issue", "approved", lines, requester, who, True)
        except rules.NotYours as refusal:
            assert refusal.code == "own_requisition"
        else:
            raise AssertionError("issued to oneself")


def test_the_parts_policy_is_part_of_the_sla_policy_and_its_abc_cut_offs_add_up(api):
    from chalicelib.modules.parts.policy import parts_policy

    current = api.get("/api/sla/policy", "hq_admin").body
    document = {**current["network"], "parts": {"abc_a_percent": 90, "abc_b_percent": 20}}
    refused = api.call("PUT", "/api/sla/policy", "hq_admin",
                       {"version": current["version"], "policy": document})
    assert refused.status == 400 and "parts.abc_b_percent" in refused.error["fields"]
    if not current["network"].get("parts") and not current.get("override"):
        assert parts_policy("SZ") == {"expensive_line_fen": 200000, "unreturned_days": 3,
                                      "abc_a_percent": 80, "abc_b_percent": 15}
