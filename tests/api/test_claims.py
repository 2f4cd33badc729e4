"""Travel expense claims (差旅费报销单) through the API (issue 17, checks 5 and 6): a claim missing
a field is refused naming it; receipts are required at submit; a taxi without the manager's
prior approval is refused; a line outside its orders' dispatch-to-completion window is
flagged; a claim submitted more than 3 working days after return is late; the advance is
netted; approval goes manager → head office (409 claim_wrong_step either way round), nobody
decides their own claim (403) and another outlet's is not found (404), a manager's own claim
goes to head office alone; with stop set, a claim
that would exceed is refused at submit and at head office's approval (409 budget_exceeded
naming what remains) until a 费用增加申请 is approved; the approval books the budget and
writes the claim's fee fact; a stale version is a 409; a retried create files one claim; a
big claim edited stays within DynamoDB's item size (its lines an item of their own, its event
compact, the newest 50 events shown); every receipt item counts against the cap; a receipt
file held by another submitted claim is flagged and refused at submit.

The claims are filed now (the real clock); head office's approval, which books against the
budget of its year and writes the fee fact of its month, runs at a controlled time in a year
no other test books in (2039, 2040: their budgets are set afresh here), so the shared stack's
other figures are untouched."""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.models import Item
from chalicelib.modules.fees import keys
from chalicelib.modules.fees.claim_models import ClaimReceipt
from chalicelib.modules.fees.fact_models import FeeFact
from tests.conftest import PHOTO, Api, every_page, inbox, post_form
from tests.scan_helpers import PDF, TEXT
from tests.workload_helpers import crew

YUAN = 100  # fen
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _today() -> date:
    return kernel_keys.utc_now().astimezone(SHANGHAI).date()


def _day(offset: int = 0) -> str:
    return str(_today() + timedelta(days=offset))


@contextmanager
def _at(moment: datetime):
    """The app's business clock at `moment` for the calls inside."""
    kernel_keys.set_clock(lambda: moment)
    try:
        yield
    finally:
        kernel_keys.set_clock(None)


def _fresh_budget(outlet: str, year: int) -> None:
    pk, sk = keys.budget_key(outlet, year)
    for item in Item.query(pk, Item.sk.startswith(sk), consistent_read=True):
        item.delete()


def _set_budget(api: Api, outlet: str, year: int, limits_yuan: dict, stop: bool) -> dict:
    version = api.get(f"/api/budgets?outlet={outlet}&year={year}", "hq_admin").body[
        "items"][0]["version"]
    reply = api.call("PUT", f"/api/budgets/{outlet}/{year}", "hq_admin", {
        "version": version, "stop": stop,
        "categories": {c: {"limit_fen": v * YUAN} for c, v in limits_yuan.items()}})
    assert reply.status == 200, reply.body
    return reply.body


def _budget(api: Api, outlet: str, year: int) -> dict:
    return api.get(f"/api/budgets?outlet={outlet}&year={year}", "hq_admin").body["items"][0]


def _line(**kw) -> dict:
    return {"date": _day(), "from": "东莞", "to": "东莞", "category": "allowance",
            "amount_fen": 100 * YUAN, **kw}


def _body(*lines, **kw) -> dict:
    return {"reason": "东莞客户冷水机组维修", "departed_on": _day(-1), "returned_on": _day(),
            "budget_category": "repair", "lines": list(lines) or [_line()], **kw}


def _trip(order: dict | None) -> dict:
    """The happy path's claim: a train the day before the order was dispatched (flagged), the
    hotel, the allowance and a taxi the manager agreed to; an advance of 300元."""
    return _body(
        _line(date=_day(-1), **{"from": "深圳", "to": "东莞"}, category="transport",
              mode="train", amount_fen=4550),
        _line(category="lodging", amount_fen=28000),
        _line(category="allowance", amount_fen=10000),
        _line(**{"from": "东莞", "to": "深圳"}, category="transport", mode="taxi",
              amount_fen=6800, prior_approval={"by": "sz_manager", "note": "电话请示同意"}),
        orders=[order["id"]] if order else [], advance_fen=300 * YUAN)


def _file(api: Api, user: str, body: dict, **kw):
    return api.post("/api/claims", user, body, **kw)


def _filed(api: Api, user: str, body: dict) -> dict:
    reply = _file(api, user, body)
    assert reply.status == 201, reply.body
    return reply.body


def _edit(api: Api, claim: dict, user: str, body: dict, version: int | None = None):
    return api.call("PUT", f"/api/claims/{claim['id']}", user,
                    {**body, "version": claim["version"] if version is None else version})


def _pdf() -> bytes:
    """A PDF of its own bytes (an invoice of its own): a receipt file is claimed once."""
    return PDF + f"%{kernel_keys.new_id('inv')}\n".encode()


def _receipt(api: Api, claim: dict, user: str, body: bytes | None = None,
             content_type: str = "application/pdf") -> dict:
    """Slot, real HTTP upload to S3, confirm: a verified receipt (by default a PDF of its own
    bytes)."""
    body = _pdf() if body is None else body
    granted = api.post(f"/api/claims/{claim['id']}/receipts", user, {
        "content_type": content_type, "size": len(body), "file_name": "发票.pdf"})
    assert granted.status == 201, granted.body
    assert granted.body["receipt"]["status"] == "pending"
    assert post_form(granted.body["upload"], body, content_type).status_code == 204
    confirmed = api.post(f"/api/claims/{claim['id']}/receipts/"
                         f"{granted.body['receipt']['id']}/confirm", user)
    assert confirmed.status == 200, confirmed.body
    return confirmed.body


def _submit(api: Api, claim: dict, user: str, version: int | None = None):
    return api.post(f"/api/claims/{claim['id']}/submit", user,
                    {"version": claim["version"] if version is None else version})


def _decide(api: Api, claim: dict, user: str, decision: str = "approve",
            note: str | None = None, version: int | None = None):
    return api.post(f"/api/claims/{claim['id']}/decide", user, {
        "decision": decision, "note": note,
        "version": claim["version"] if version is None else version})


def _notices(api: Api, user: str, notice: str, claim: dict) -> list[dict]:
    return [n for n in inbox(api, user) if n["notice"] == notice
            and n["subject_id"] == claim["id"]]


def _allowance_claim(api: Api, user: str, **kw) -> dict:
    """A filed and submitted claim of one allowance line (no receipt needed)."""
    claim = _filed(api, user, _body(**kw))
    reply = _submit(api, claim, user)
    assert reply.status == 200, reply.body
    return reply.body


# ---------------------------------------------------------------- the form

def test_a_claim_missing_a_field_or_breaking_a_rule_is_refused_naming_it(api, walk, new_order):
    order = walk(new_order(), ["dispatch"])  # sz_tech1 leads, sz_tech2 helps
    body = _trip(order)
    for missing in ("reason", "departed_on", "returned_on", "budget_category", "lines"):
        reply = _file(api, "sz_tech1", {k: v for k, v in body.items() if k != missing})
        assert reply.status == 400 and missing in reply.error["fields"], (missing, reply.body)
    for field in ("date", "from", "to", "category", "amount_fen"):
        line = {k: v for k, v in body["lines"][1].items() if k != field}
        reply = _file(api, "sz_tech1", {**body, "lines": [body["lines"][0], line]})
        assert reply.status == 400 and f"lines.1.{field}" in reply.error["fields"], field
    no_mode = {k: v for k, v in body["lines"][0].items() if k != "mode"}
    reply = _file(api, "sz_tech1", {**body, "lines": [no_mode]})
    assert reply.status == 400 and list(reply.error["fields"]) == ["lines.0.mode"]
    assert _file(api, "sz_tech1", {**body, "total_fen": 1}).error["fields"] == {
        "total_fen": "不支持的字段"}  # a client's total is not taken
    zero = {**body["lines"][1], "amount_fen": 0}
    assert "lines.0.amount_fen" in _file(api, "sz_tech1", {**body, "lines": [zero]}).error[
        "fields"]

    # a taxi without the manager's prior consent: 未经请示同意的开销一律不予报销
    taxi = {k: v for k, v in body["lines"][3].items() if k != "prior_approval"}
    refused = _file(api, "sz_tech1", {**body, "lines": [taxi]})
    assert refused.status == 400 and list(refused.error["fields"]) == ["lines.0.prior_approval"]
    assert "未经请示同意的开销一律不予报销" in refused.error["fields"]["lines.0.prior_approval"]
    english = _file(api, "sz_tech1", {**body, "lines": [taxi]},
                    headers={"Accept-Language": "en"})
    assert "not agreed beforehand" in english.error["fields"]["lines.0.prior_approval"]
    freight = {**taxi, "mode": "freight", "prior_approval": {"by": "sz_tech2"}}
    assert list(_file(api, "sz_tech1", {**body, "lines": [freight]}).error["fields"]) == [
        "lines.0.prior_approval.by"]  # a technician cannot agree to it

    # the dates: a line outside the trip, a return before the departure or in the future
    early = {**body["lines"][1], "date": _day(-2)}
    assert list(_file(api, "sz_tech1", {**body, "lines": [early]}).error["fields"]) == [
        "lines.0.date"]
    backwards = _file(api, "sz_tech1", {**body, "departed_on": _day(), "returned_on": _day(-1),
                                        "lines": [body["lines"][1]]})
    assert "returned_on" in backwards.error["fields"]
    future = _file(api, "sz_tech1", {**body, "returned_on": _day(1)})
    assert list(future.error["fields"]) == ["returned_on"]

    # orders: one the claimant worked on, of their outlet
    assert list(_file(api, "sz_tech3", body).error["fields"]) == ["orders.0"]
    assert list(_file(api, "sz_tech1", {**body, "orders": [order["id"], "wo_missing"]})
                .error["fields"]) == ["orders.1"]
    helper = _file(api, "sz_tech2", body)  # the helper may link it
    assert helper.status == 201, helper.body
    cd_order = new_order("CD")
    assert list(_file(api, "sz_tech1", {**body, "orders": [cd_order["id"]]})
                .error["fields"]) == ["orders.0"]
    # a receipt named must be the claim's (a new claim has none yet)
    named = {**body["lines"][1], "receipts": ["rct_00000000deadbeef"]}
    assert list(_file(api, "sz_tech1", {**body, "lines": [named]}).error["fields"]) == [
        "lines.0.receipts"]
    # who may file: whoever travels (not the desk, the warehouse or head office)
    assert _file(api, "sz_agent", body).status == 403
    assert _file(api, "hq_admin", body).status == 403


def test_a_claim_from_entry_to_approval_books_the_budget_and_writes_its_fact(api, walk,
                                                                             new_order):
    year = 2039
    _fresh_budget("SZ", year)
    _set_budget(api, "SZ", year, {"repair": 10_000}, stop=True)
    order = walk(new_order(), ["dispatch"])
    claim = _filed(api, "sz_tech1", _trip(order))
    assert claim["state"] == "draft" and claim["version"] == 1
    assert claim["number"].startswith(f"BX-SZ-{_today().year}-")
    assert claim["claimant"] == "sz_tech1" and claim["claimant_name"] == "张伟"
    assert claim["claimant_grade"] == "4★" and claim["outlet_name"] == "深圳服务站"
    assert claim["total_fen"] == 49350 and claim["advance_fen"] == 30000
    assert claim["net_fen"] == 19350  # the advance (借款) netted
    assert claim["by_category"] == {"transport": 11350, "lodging": 28000, "meals": 0,
                                    "allowance": 10000, "other": 0}
    # the train the day before the order was dispatched is outside its window
    assert [line["flags"] for line in claim["lines"]] == [["outside_window"], [], [], []]
    assert claim["flagged"] and claim["late"] is False and claim["submitted_at"] is None
    (linked,) = claim["orders"]
    assert linked["id"] == order["id"] and linked["number"] == order["number"]
    assert linked["window"] == {"from": _day(), "to": None}  # dispatched, not completed
    assert claim["lines"][3]["prior_approval"] == {"by": "sz_manager", "note": "电话请示同意"}
    assert claim["may"] == {"edit": True, "submit": True, "upload": True, "decide": False}
    assert [e["action"] for e in claim["events"]] == ["claim_created"]

    # receipts are required at submit (not for the allowance)
    missing = _submit(api, claim, "sz_tech1")
    assert missing.status == 400, missing.body
    assert set(missing.error["fields"]) == {"lines.0.receipts", "lines.1.receipts",
                                            "lines.3.receipts"}
    invoices = [_pdf() for _ in range(3)]
    receipts = [_receipt(api, claim, "sz_tech1", invoice) for invoice in invoices]
    assert all(r["status"] == "verified" and r["links"]["view"] for r in receipts)
    assert receipts[0]["file_name"] == "发票.pdf" and receipts[0]["size"] == len(invoices[0])
    body = _trip(order)
    for i, receipt in zip((0, 1, 3), receipts, strict=True):
        body["lines"][i]["receipts"] = [receipt["id"]]
    edited = _edit(api, claim, "sz_tech1", body)
    assert edited.status == 200, edited.body
    claim = edited.body
    assert claim["version"] == 2 and claim["lines"][0]["receipts"][0]["id"] == receipts[0]["id"]
    assert len(claim["receipts"]) == 3
    # the budget category's remaining budget is shown while it is filed (head office has not
    # approved it yet: booked in the approval's year)
    assert claim["budget"]["category"] == "repair" and claim["budget"]["booked_fen"] is None

    # the form as it was seen: a stale version is refused, nothing overwritten
    stale = _edit(api, claim, "sz_tech1", {**body, "reason": "改"}, version=1)
    assert stale.status == 409 and stale.error["code"] == "stale_version"
    assert _submit(api, claim, "sz_tech1", version=1).error["code"] == "stale_version"

    submitted = _submit(api, claim, "sz_tech1")
    assert submitted.status == 200, submitted.body
    claim = submitted.body
    assert claim["state"] == "submitted" and claim["late"] is False and claim["submitted_at"]
    assert claim["filing_due"] > _day()  # three working days after the return
    assert claim["may"]["edit"] is False
    assert _edit(api, claim, "sz_tech1", body).error["code"] == "claim_not_draft"
    assert _notices(api, "sz_manager", "claim_submitted", claim)

    # approval order: head office before the manager → 409; the manager, then head office
    early = _decide(api, claim, "hq_admin")
    assert early.status == 409 and early.error["code"] == "claim_wrong_step"
    manager_view = api.get(f"/api/claims/{claim['id']}", "sz_manager").body
    assert manager_view["may"]["decide"] is True
    reviewed = _decide(api, claim, "sz_manager", note="情况属实")
    assert reviewed.status == 200, reviewed.body
    claim = reviewed.body
    assert claim["state"] == "manager_approved"
    again = _decide(api, claim, "sz_manager")
    assert again.status == 409 and again.error["code"] == "claim_wrong_step"
    assert _notices(api, "hq_admin", "claim_waiting", claim)
    queue = every_page(api, "/api/claims?view=queue", "hq_admin")
    assert claim["id"] in {c["id"] for c in queue}

    moment = datetime(year, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 in Shenzhen
    with _at(moment):
        approved = _decide(api, claim, "hq_admin", note="同意")
    assert approved.status == 200, approved.body
    claim = approved.body
    assert claim["state"] == "approved"
    assert [(a["step"], a["decision"], a["by"]) for a in claim["approvals"]] == [
        ("manager", "approve", "sz_manager"), ("head_office", "approve", "hq_admin")]
    assert claim["budget"]["year"] == year and claim["budget"]["booked_fen"] == 49350
    assert claim["budget"]["remaining_fen"] == 10_000 * YUAN - 49350
    assert [e["action"] for e in claim["events"]][:3] == [
        "claim_approved", "claim_approved_manager", "claim_submitted"]
    assert _decide(api, claim, "hq_admin").error["code"] == "claim_wrong_step"
    assert _notices(api, "sz_tech1", "claim_decided", claim)

    # the budget of the approval's year shows it spent, with its audit event
    budget = _budget(api, "SZ", year)
    assert budget["categories"]["repair"]["spent_fen"] == 49350
    events = api.get(f"/api/budgets/SZ/{year}/events", "hq_admin").body["items"]
    (booked,) = [e for e in events if e["action"] == "spend"]
    assert booked["id"] == claim["budget"]["event_id"]
    assert booked["data"]["source"] == {"kind": "claim", "id": claim["id"],
                                        "number": claim["number"]}
    # and the claim's fee fact in the approval's month
    fact = FeeFact.get(keys.fact_pk("SZ", f"{year}-03"), keys.fact_sk("claim", claim["id"]))
    assert fact.fact == "claim" and fact.data["total_fen"] == 49350
    assert fact.data["by_category"]["transport"] == 11350
    assert fact.data["advance_fen"] == 30000 and fact.data["installation"] is False
    _fresh_budget("SZ", year)


def test_a_claim_filed_more_than_three_working_days_after_return_is_late(api):
    on_time = _allowance_claim(api, "sz_tech2")
    assert on_time["late"] is False
    returned = _today() - timedelta(days=14)
    late = _allowance_claim(api, "sz_tech2", departed_on=str(returned - timedelta(days=1)),
                            returned_on=str(returned),
                            lines=[_line(date=str(returned))])
    assert late["late"] is True and late["filing_due"] < _day()
    listed = every_page(api, "/api/claims?view=mine", "sz_tech2")
    assert {c["id"]: c["late"] for c in listed if c["id"] in (on_time["id"], late["id"])} == {
        on_time["id"]: False, late["id"]: True}


def test_the_chain_is_enforced_nobody_decides_their_own_and_other_outlets_do_not_see_it(api):
    own = _allowance_claim(api, "sz_manager")
    refused = _decide(api, own, "sz_manager")
    assert refused.status == 403  # nobody decides their own claim
    assert api.get(f"/api/claims/{own['id']}", "sz_manager").body["may"]["decide"] is False
    assert own["id"] not in {c["id"] for c in every_page(api, "/api/claims?view=queue",
                                                         "sz_manager")}
    assert own["claimant_grade"] == "售后经理"

    claim = _allowance_claim(api, "sz_support")
    assert claim["claimant_grade"] == "技术支持工程师"
    # another outlet's manager, a technician and support who did not file it: not found
    for user in ("cd_manager", "cd_tech1", "sz_tech3", "sz_tech1"):
        assert api.get(f"/api/claims/{claim['id']}", user).status == 404, user
    assert _decide(api, claim, "cd_manager").status == 404
    assert _decide(api, claim, "sz_tech1").status == 403  # no right to decide at all
    assert claim["id"] not in {c["id"] for c in every_page(api, "/api/claims?view=queue",
                                                           "cd_manager")}
    assert claim["id"] in {c["id"] for c in every_page(api, "/api/claims?view=queue",
                                                       "sz_manager")}

    # a rejection needs its reason, is final, and tells the claimant
    assert _decide(api, claim, "sz_manager", "reject").error["fields"] == {"note": "必填"}
    stale = _decide(api, claim, "sz_manager", "reject", "票据不全", version=claim["version"] - 1)
    assert stale.status == 409 and stale.error["code"] == "stale_version"
    rejected = _decide(api, claim, "sz_manager", "reject", "票据不全")
    assert rejected.status == 200 and rejected.body["state"] == "rejected"
    assert rejected.body["approvals"][-1]["note"] == "票据不全"
    for user in ("sz_manager", "hq_admin"):
        wrong = _decide(api, rejected.body, user)
        assert wrong.status == 409 and wrong.error["code"] == "claim_wrong_step"
    assert _notices(api, "sz_support", "claim_decided", claim)
    # a draft waits for no decision
    draft = _filed(api, "sz_tech2", _body())
    assert _decide(api, draft, "sz_manager").error["code"] == "claim_wrong_step"


def test_the_lists_each_reader_sees(api):
    mine = _filed(api, "sz_tech2", _body())
    submitted = _allowance_claim(api, "sz_tech2")
    assert mine["id"] in {c["id"] for c in every_page(api, "/api/claims", "sz_tech2")}
    assert mine["id"] not in {c["id"] for c in every_page(api, "/api/claims", "sz_tech1")}
    drafts = every_page(api, "/api/claims?view=mine&state=draft", "sz_tech2")
    assert mine["id"] in {c["id"] for c in drafts}
    assert submitted["id"] not in {c["id"] for c in drafts}
    outlet = every_page(api, "/api/claims?view=outlet", "sz_manager")
    assert {mine["id"], submitted["id"]} <= {c["id"] for c in outlet}
    (summary,) = [c for c in outlet if c["id"] == submitted["id"]]
    assert summary["state"] == "submitted" and summary["claimant_name"] == "刘洋"
    assert summary["net_fen"] == summary["total_fen"] == 100 * YUAN
    in_state = every_page(api, "/api/claims?view=outlet&state=submitted", "sz_manager")
    assert submitted["id"] in {c["id"] for c in in_state}
    assert mine["id"] not in {c["id"] for c in in_state}
    assert api.get("/api/claims?view=outlet", "hq_admin").error["fields"] == {"outlet": "必填"}
    assert submitted["id"] in {c["id"] for c in every_page(
        api, "/api/claims?view=outlet&outlet=SZ&state=submitted", "hq_admin")}
    assert api.get("/api/claims?view=outlet&outlet=SZ", "cd_manager").status == 404
    assert api.get("/api/claims?view=queue", "sz_tech2").status == 403
    assert api.get("/api/claims?view=outlet", "sz_support").status == 403
    assert api.get("/api/claims?state=open", "sz_tech2").status == 400
    assert api.get("/api/claims", "sz_agent").status == 403


def test_with_stop_a_claim_that_would_exceed_is_refused_until_head_office_adds_budget(api):
    year = 2040
    _fresh_budget("SZ", year)
    _set_budget(api, "SZ", year, {"training": 100}, stop=True)
    moment = datetime(year, 2, 3, 2, 0, tzinfo=UTC)
    claim = _filed(api, "sz_tech1", _body(_line(amount_fen=150 * YUAN),
                                          budget_category="training"))
    with _at(moment):
        shown = api.get(f"/api/claims/{claim['id']}", "sz_tech1").body["budget"]
        assert shown == {"category": "training", "year": year, "remaining_fen": 100 * YUAN,
                         "stop": True, "would_exceed": True, "booked_fen": None,
                         "event_id": None}
        refused = _submit(api, claim, "sz_tech1")
    assert refused.status == 409 and refused.error["code"] == "budget_exceeded"
    assert refused.error["details"] == {"category": "training", "remaining_fen": 100 * YUAN}
    assert "100.00" in refused.error["message"]

    _set_budget(api, "SZ", year, {"training": 200}, stop=True)
    with _at(moment):
        submitted = _submit(api, claim, "sz_tech1")
        assert submitted.status == 200, submitted.body
        reviewed = _decide(api, submitted.body, "sz_manager")
        assert reviewed.status == 200, reviewed.body
    # meanwhile 100元 of training is spent: the approval would cross the stop line
    spent = api.post(f"/api/budgets/SZ/{year}/spend", "sz_manager",
                     {"category": "training", "amount_fen": 100 * YUAN, "note": "讲师费"})
    assert spent.status == 200, spent.body
    with _at(moment):
        over = _decide(api, reviewed.body, "hq_admin")
    assert over.status == 409 and over.error["code"] == "budget_exceeded"
    assert over.error["details"] == {"category": "training", "remaining_fen": 100 * YUAN}
    current = api.get(f"/api/claims/{claim['id']}", "hq_admin").body
    assert current["state"] == "manager_approved" and current["version"] == reviewed.body[
        "version"]
    assert _budget(api, "SZ", year)["categories"]["training"]["spent_fen"] == 100 * YUAN
    assert FeeFact.count(keys.fact_pk("SZ", f"{year}-02"),
                         FeeFact.sk == keys.fact_sk("claim", claim["id"])) == 0

    # the manager files a 费用增加申请; head office approves it; the claim passes
    filed = api.post(f"/api/budgets/SZ/{year}/requests", "sz_manager", {
        "category": "training", "amount_fen": 100 * YUAN, "reason": "差旅报销超出预算"})
    decided = api.post(f"/api/budgets/SZ/{year}/requests/{filed.body['id']}/decide",
                       "hq_admin", {"decision": "approve", "version": filed.body["version"]})
    assert decided.status == 200, decided.body
    with _at(moment):
        approved = _decide(api, current, "hq_admin")
    assert approved.status == 200, approved.body
    assert approved.body["state"] == "approved" and approved.body["budget"]["booked_fen"] == (
        150 * YUAN)
    assert approved.body["budget"]["would_exceed"] is False
    training = _budget(api, "SZ", year)["categories"]["training"]
    assert training["spent_fen"] == 250 * YUAN and training["remaining_fen"] == 50 * YUAN
    _fresh_budget("SZ", year)


def test_receipts_are_checked_and_only_the_claimant_adds_them_to_a_draft(api):
    claim = _filed(api, "sz_tech2", _body(_line(category="meals", amount_fen=6000)))
    photo = _receipt(api, claim, "sz_tech2", PHOTO, "image/jpeg")
    assert photo["links"]["thumbnail"]  # a photo gets its thumbnail
    again = api.post(f"/api/claims/{claim['id']}/receipts/{photo['id']}/confirm", "sz_tech2")
    assert again.status == 200 and again.body["id"] == photo["id"]  # idempotent
    granted = api.post(f"/api/claims/{claim['id']}/receipts", "sz_tech2", {
        "content_type": "application/pdf", "size": len(TEXT)})
    assert granted.status == 201
    assert granted.body["upload"]["fields"]["key"] == (
        f"claim-receipts/SZ/{claim['id']}/{granted.body['receipt']['id']}")
    post_form(granted.body["upload"], TEXT, "application/pdf")
    bad = api.post(f"/api/claims/{claim['id']}/receipts/{granted.body['receipt']['id']}/confirm",
                   "sz_tech2")
    assert bad.status == 400 and bad.error["code"] == "upload_rejected"
    # a rejected receipt cannot back a line
    body = _body(_line(category="meals", amount_fen=6000,
                       receipts=[granted.body["receipt"]["id"]]))
    assert list(_edit(api, claim, "sz_tech2", body).error["fields"]) == ["lines.0.receipts"]
    assert api.post(f"/api/claims/{claim['id']}/receipts", "sz_manager", {
        "content_type": "application/pdf", "size": 10}).status == 403
    assert api.post(f"/api/claims/{claim['id']}/receipts", "cd_tech1", {
        "content_type": "application/pdf", "size": 10}).status == 404
    assert api.post(f"/api/claims/{claim['id']}/receipts", "sz_tech2", {
        "content_type": "text/plain", "size": 10}).error["fields"].keys() == {"content_type"}
    edited = _edit(api, claim, "sz_tech2", _body(_line(category="meals", amount_fen=6000,
                                                       receipts=[photo["id"]])))
    assert edited.status == 200, edited.body
    submitted = _submit(api, edited.body, "sz_tech2")
    assert submitted.status == 200, submitted.body
    assert [e["action"] for e in submitted.body["events"]].count("receipt_added") == 1
    late = api.post(f"/api/claims/{claim['id']}/receipts", "sz_tech2", {
        "content_type": "application/pdf", "size": 10})
    assert late.status == 409 and late.error["code"] == "claim_not_draft"


def test_a_retried_create_files_one_claim(api):
    key = {"Idempotency-Key": f"claim-{kernel_keys.new_id('t')}"}
    body = _body(reason="幂等测试")
    first = _file(api, "sz_tech3", body, headers=key)
    again = _file(api, "sz_tech3", body, headers=key)
    assert first.status == 201 and again.status == 201
    assert again.body["id"] == first.body["id"] and again.body["number"] == first.body["number"]
    mine = every_page(api, "/api/claims?view=mine", "sz_tech3")
    assert [c["id"] for c in mine].count(first.body["id"]) == 1
    assert sum(1 for c in mine if c["number"] == first.body["number"]) == 1
    other = _file(api, "sz_tech3", {**body, "reason": "另一次出差"}, headers=key)
    assert other.status == 409 and other.error["code"] == "idempotency_conflict"



def test_an_approval_meeting_a_busy_budget_is_tried_again_then_answers_budget_busy(
        api, monkeypatch):
    """On DynamoDB, transactions touching one budget at the same moment cancel each other
    (TransactionConflict; moto never does): head office's approval is tried again and
    passes; still busy, it answers 409 budget_busy, the claim stays manager_approved and
    nothing is booked or counted."""
    from chalicelib.kernel.store import base as store_base
    from chalicelib.modules.fees import budgets
    from tests.conflict_helpers import flaky

    year = 2039
    _fresh_budget("CD", year)
    _set_budget(api, "CD", year, {"repair": 1000}, stop=True)
    moment = datetime(year, 5, 6, 2, 0, tzinfo=UTC)
    monkeypatch.setattr(budgets, "PAUSE", 0.001)
    with _at(moment):
        reviewed = _decide(api, _allowance_claim(api, "cd_tech1"), "cd_manager")
    assert reviewed.status == 200, reviewed.body
    claims = [reviewed.body]

    always, tried = flaky(failures=100)
    monkeypatch.setattr(store_base, "TransactWrite", always)
    with _at(moment):
        busy = _decide(api, claims[0], "hq_admin")
    assert busy.status == 409 and busy.error["code"] == "budget_busy", busy.body
    assert len(tried) == budgets.ATTEMPTS
    monkeypatch.undo()
    current = api.get(f"/api/claims/{claims[0]['id']}", "hq_admin").body
    assert current["state"] == "manager_approved" and current["version"] == claims[0]["version"]
    assert _budget(api, "CD", year)["categories"]["repair"]["spent_fen"] == 0
    assert FeeFact.count(keys.fact_pk("CD", f"{year}-05"),
                         FeeFact.sk == keys.fact_sk("claim", claims[0]["id"])) == 0

    twice, commits = flaky(failures=2)
    monkeypatch.setattr(budgets, "PAUSE", 0.001)
    monkeypatch.setattr(store_base, "TransactWrite", twice)
    with _at(moment):
        passed = _decide(api, current, "hq_admin")
    assert passed.status == 200 and passed.body["state"] == "approved", passed.body
    assert len(commits) == 3
    monkeypatch.undo()
    assert _budget(api, "CD", year)["categories"]["repair"]["spent_fen"] == 100 * YUAN
    assert FeeFact.count(keys.fact_pk("CD", f"{year}-05"),
                         FeeFact.sk == keys.fact_sk("claim", claims[0]["id"])) == 1
    _fresh_budget("CD", year)


# ---------------------------------------------------------------- a big claim, its items

def _long(text: str, length: int) -> str:
    return (text * (length // len(text) + 1))[:length]


def _big_lines(tag: str, receipts: list[str]) -> list[dict]:
    """50 taxi lines (the schema's most) with every text at its longest, in Chinese, each
    naming 10 receipts (the most a line names)."""
    return [_line(**{"from": _long(f"{tag}深圳市南山区科技园南区", 100),
                     "to": _long(f"{tag}东莞市松山湖高新区客户工厂", 100)},
                  category="transport", mode="taxi", amount_fen=1000 + i,
                  note=_long(f"{tag}客户停产急修，公交无法按时到场", 200),
                  prior_approval={"by": "sz_manager",
                                  "note": _long(f"{tag}电话请示王强经理同意打车", 200)},
                  receipts=receipts)
            for i in range(50)]


def _put_utf8(api: Api, claim: dict, user: str, body: dict):
    """PUT as the browser sends it: UTF-8 JSON (the 256 KB body limit counts bytes)."""
    return api.call("PUT", f"/api/claims/{claim['id']}", user, raw=json.dumps(
        {**body, "version": claim["version"]}, ensure_ascii=False).encode())


def _raw_item(pk: str, sk: str) -> dict:
    return Item._get_connection().get_item(pk, sk, consistent_read=True)["Item"]


def test_a_big_claim_edited_answers_200_and_its_event_keeps_only_what_changed(api):
    claim = _filed(api, "sz_tech1", _body())
    slots = [api.post(f"/api/claims/{claim['id']}/receipts", "sz_tech1", {
        "content_type": "application/pdf", "size": 1000}) for _ in range(10)]
    ids = [slot.body["receipt"]["id"] for slot in slots]
    body = _body(*_big_lines("甲", ids))
    first = _put_utf8(api, claim, "sz_tech1", body)
    assert first.status == 200, first.body
    # every line changed: before, the event kept both lists whole (> 400 KB: a 500)
    again = _put_utf8(api, first.body, "sz_tech1", {**_body(*_big_lines("乙", ids)),
                                                    "reason": "东莞客户冷水机组抢修"})
    assert again.status == 200, again.body
    claim = again.body
    assert len(claim["lines"]) == 50 and claim["lines"][0]["from"].startswith("乙")
    assert [len(line["receipts"]) for line in claim["lines"]] == [10] * 50
    changed = claim["events"][0]
    assert changed["action"] == "claim_changed"
    assert changed["data"]["changed"] == ["reason", "lines"]
    assert changed["data"]["before"] == {"reason": "东莞客户冷水机组维修"}
    assert changed["data"]["after"] == {"reason": "东莞客户冷水机组抢修"}
    total = sum(1000 + i for i in range(50))
    assert changed["data"]["lines"] == {"before": {"count": 50, "total_fen": total},
                                        "after": {"count": 50, "total_fen": total},
                                        "changed": list(range(50))}
    first_change = claim["events"][1]["data"]
    assert first_change["lines"]["before"] == {"count": 1, "total_fen": 100 * YUAN}
    assert first_change["before"]["total_fen"] == 100 * YUAN
    assert first_change["after"]["total_fen"] == total
    assert len(json.dumps(claim["events"], ensure_ascii=False).encode()) < 4000


def test_the_claim_item_stays_compact_its_lines_an_item_of_its_partition(api, walk,
                                                                         new_order):
    order = walk(new_order(), ["dispatch"])
    claim = _filed(api, "sz_tech1", _body(*_big_lines("丙", []), orders=[order["id"]]))
    early = _line(date=_day(-1), category="meals", amount_fen=3000)  # before the dispatch
    edited = _put_utf8(api, claim, "sz_tech1", _body(*_big_lines("丁", [])[:49], early,
                                                     orders=[order["id"]]))
    assert edited.status == 200, edited.body
    pk = keys.claim_pk(claim["id"])
    stored = _raw_item(pk, keys.CLAIM_SK)
    # what the lists need, not the lines: the item is copied into up to 4 indexes each write
    assert "lines" not in stored
    assert len(json.dumps(stored, ensure_ascii=False).encode()) < 3000
    assert json.loads(stored["line_dates"]["S"]) == [_day(-1), _day()]
    assert stored["line_count"] == {"N": "50"}
    from chalicelib.modules.fees.claim_models import ClaimLines

    lines = ClaimLines.get(pk, keys.LINES_SK, consistent_read=True)
    assert len(lines.lines) == 50 and lines.lines[0]["from"].startswith("丁")
    assert edited.body["lines"][49]["flags"] == ["outside_window"]
    assert edited.body["flagged"] is True and edited.body["line_count"] == 50
    listed = {c["id"]: c for c in every_page(api, "/api/claims?view=mine", "sz_tech1")}
    assert listed[claim["id"]]["flagged"] is True  # from the dates the claim keeps
    assert listed[claim["id"]]["line_count"] == 50
    assert listed[claim["id"]]["total_fen"] == edited.body["total_fen"]


def test_a_claims_page_shows_the_newest_50_events_read_by_key(api, monkeypatch):
    claim = _filed(api, "sz_tech3", _body())
    for n in range(55):
        reply = _edit(api, claim, "sz_tech3", _body(reason=f"第{n}次修改"))
        assert reply.status == 200, reply.body
        claim = reply.body
    assert len(claim["events"]) == 50 and claim["events_more"] is True
    assert claim["events"][0]["data"]["after"] == {"reason": "第54次修改"}
    assert "claim_created" not in {e["action"] for e in claim["events"]}
    queries, real = [], Item.query.__func__

    def spy(cls, hash_key, range_key_condition=None, *args, **kw):
        queries.append((hash_key, range_key_condition, kw.get("limit")))
        return real(cls, hash_key, range_key_condition, *args, **kw)

    monkeypatch.setattr(Item, "query", classmethod(spy))
    page = api.get(f"/api/claims/{claim['id']}", "sz_tech3").body
    assert page["events"] == claim["events"] and page["events_more"] is True
    # never the whole partition (56 events and counting): every query of it has a key
    # condition, and the one that reads events reads 51 at most
    mine = [q for q in queries if q[0] == keys.claim_pk(claim["id"])]
    assert mine and all(condition is not None for _pk, condition, _limit in mine), mine
    assert [limit for _pk, _condition, limit in mine if limit is not None] == [51]
    monkeypatch.undo()
    fresh = _filed(api, "sz_tech3", _body())
    assert len(fresh["events"]) == 1 and fresh["events_more"] is False


# ---------------------------------------------------------------- a manager's own claim

def test_a_managers_own_claim_goes_to_head_office_alone_and_is_booked_at_its_approval(api):
    # a manager does not agree to their own taxi
    taxi = _line(category="transport", mode="taxi", amount_fen=6800,
                 prior_approval={"by": "sz_manager", "note": "自己同意"})
    refused = _file(api, "sz_manager", _body(taxi))
    assert refused.status == 400 and list(refused.error["fields"]) == [
        "lines.0.prior_approval.by"]
    assert "本人" in refused.error["fields"]["lines.0.prior_approval.by"]

    year = 2041
    _fresh_budget("SZ", year)
    _set_budget(api, "SZ", year, {"repair": 1000}, stop=True)
    with crew([0], "SZ", "dep", role="manager") as (deputy,):  # a second manager of SZ
        deputy = deputy["username"]
        agreed = _file(api, "sz_manager", _body(
            {**taxi, "prior_approval": {"by": deputy, "note": "副经理同意"}}))
        assert agreed.status == 201, agreed.body

        claim = _allowance_claim(api, "sz_manager")
        assert claim["state"] == "submitted" and claim["waits_for"] == "head_office"
        assert claim["may"]["decide"] is False
        # head office is told and queues it; no manager of the outlet is asked nor decides it
        (told,) = _notices(api, "hq_admin", "claim_waiting", claim)
        assert claim["number"] in told["title"] and "本人" in told["body"]
        assert not _notices(api, deputy, "claim_submitted", claim)
        assert claim["id"] in {c["id"] for c in every_page(api, "/api/claims?view=queue",
                                                           "hq_admin")}
        for manager in ("sz_manager", deputy):
            assert claim["id"] not in {c["id"] for c in every_page(
                api, "/api/claims?view=queue", manager)}
        assert _decide(api, claim, "sz_manager").status == 403  # their own
        wrong = _decide(api, claim, deputy)
        assert wrong.status == 409 and wrong.error["code"] == "claim_wrong_step"
        assert api.get(f"/api/claims/{claim['id']}", deputy).body["may"]["decide"] is False
        # a technician's claim still waits for the managers
        theirs = _allowance_claim(api, "sz_tech3")
        assert theirs["waits_for"] == "manager"
        assert theirs["id"] in {c["id"] for c in every_page(api, "/api/claims?view=queue",
                                                            deputy)}
    seen = api.get(f"/api/claims/{claim['id']}", "hq_admin").body
    assert seen["may"]["decide"] is True and seen["waits_for"] == "head_office"

    moment = datetime(year, 4, 7, 2, 0, tzinfo=UTC)
    with _at(moment):
        approved = _decide(api, claim, "hq_admin", note="同意")
    assert approved.status == 200, approved.body
    claim = approved.body
    assert claim["state"] == "approved" and claim["waits_for"] is None
    assert [(a["step"], a["decision"], a["by"]) for a in claim["approvals"]] == [
        ("head_office", "approve", "hq_admin")]
    assert claim["budget"]["year"] == year and claim["budget"]["booked_fen"] == 100 * YUAN
    (approval,) = [e for e in claim["events"] if e["action"] == "claim_approved"]
    assert (approval["from_state"], approval["to_state"]) == ("submitted", "approved")
    assert _budget(api, "SZ", year)["categories"]["repair"]["spent_fen"] == 100 * YUAN
    assert FeeFact.count(keys.fact_pk("SZ", f"{year}-04"),
                         FeeFact.sk == keys.fact_sk("claim", claim["id"])) == 1
    assert _notices(api, "sz_manager", "claim_decided", claim)
    assert claim["id"] not in {c["id"] for c in every_page(api, "/api/claims?view=queue",
                                                           "hq_admin")}
    _fresh_budget("SZ", year)

    # head office may also reject it (final)
    other = _allowance_claim(api, "sz_manager")
    rejected = _decide(api, other, "hq_admin", "reject", "重复报销")
    assert rejected.status == 200 and rejected.body["state"] == "rejected"


# ---------------------------------------------------------------- receipts: the cap, twice

def test_every_receipt_item_counts_against_the_cap_rejected_and_expired_ones_too(
        api, monkeypatch):
    from chalicelib.modules.fees import claim_receipts

    monkeypatch.setattr(claim_receipts, "MAX_RECEIPTS", 3)
    claim = _filed(api, "sz_tech2", _body(_line(category="meals", amount_fen=6000)))

    def slot():
        return api.post(f"/api/claims/{claim['id']}/receipts", "sz_tech2", {
            "content_type": "application/pdf", "size": len(TEXT)})

    bad = slot().body  # uploaded, then rejected: kept a day (TTL)
    post_form(bad["upload"], TEXT, "application/pdf")
    rejected = api.post(f"/api/claims/{claim['id']}/receipts/{bad['receipt']['id']}/confirm",
                        "sz_tech2")
    assert rejected.status == 400 and rejected.error["code"] == "upload_rejected"
    expired = slot().body["receipt"]["id"]  # its form expired, never confirmed
    stale = ClaimReceipt.get(keys.claim_pk(claim["id"]), keys.receipt_sk(expired))
    stale.update(actions=[ClaimReceipt.upload_expires_at.set(
        kernel_keys.iso(kernel_keys.utc_now() - timedelta(hours=2)))])
    assert slot().status == 201  # a live upload form
    refused = slot()
    assert refused.status == 400 and list(refused.error["fields"]) == ["file"]
    assert "3" in refused.error["fields"]["file"]


def _with_receipts(api: Api, user: str, *invoices: bytes) -> dict:
    """A draft of one meals line per invoice, each backed by a receipt of those bytes."""
    claim = _filed(api, user, _body(*[_line(category="meals", amount_fen=5000 + i)
                                      for i in range(len(invoices))]))
    receipts = [_receipt(api, claim, user, invoice) for invoice in invoices]
    body = _body(*[_line(category="meals", amount_fen=5000 + i, receipts=[r["id"]])
                   for i, r in enumerate(receipts)])
    edited = _edit(api, claim, user, body)
    assert edited.status == 200, edited.body
    return edited.body


def test_a_receipt_file_held_by_another_submitted_claim_is_flagged_and_refused_at_submit(api):
    invoice = _pdf()  # one e-invoice PDF
    # the same file twice in one claim is no duplicate of another claim
    first = _with_receipts(api, "sz_tech1", invoice, invoice)
    assert [line["flags"] for line in first["lines"]] == [[], []]
    first = _submit(api, first, "sz_tech1").body
    assert first["state"] == "submitted"

    second = _with_receipts(api, "sz_tech2", invoice, _pdf())
    assert [line["flags"] for line in second["lines"]] == [["duplicate_receipt"], []]
    assert second["lines"][0]["duplicate_of"] == [first["number"]]
    assert second["lines"][1]["duplicate_of"] == []
    refused = _submit(api, second, "sz_tech2")
    assert refused.status == 400 and list(refused.error["fields"]) == ["lines.0.receipts"]
    assert first["number"] in refused.error["fields"]["lines.0.receipts"]
    assert refused.error["details"] == {"duplicates": [{
        "line": 0, "receipt": second["lines"][0]["receipts"][0]["id"],
        "number": first["number"]}]}
    english = api.post(f"/api/claims/{second['id']}/submit", "sz_tech2",
                       {"version": second["version"]}, headers={"Accept-Language": "en"})
    assert "already claimed on " + first["number"] in english.error["fields"]["lines.0.receipts"]
    # the claim that holds it is not flagged by a draft; another outlet's claim is not either
    assert api.get(f"/api/claims/{first['id']}", "sz_manager").body["lines"][0]["flags"] == []
    chengdu = _with_receipts(api, "cd_tech1", invoice)
    assert chengdu["lines"][0]["flags"] == []

    # a rejected claim's receipts can be claimed again
    rejected = _decide(api, first, "sz_manager", "reject", "重复")
    assert rejected.status == 200, rejected.body
    second = api.get(f"/api/claims/{second['id']}", "sz_tech2").body
    assert [line["flags"] for line in second["lines"]] == [[], []]
    passed = _submit(api, second, "sz_tech2")
    assert passed.status == 200, passed.body
    # now the second claim holds it
    third = _with_receipts(api, "sz_tech3", invoice)
    assert third["lines"][0]["duplicate_of"] == [second["number"]]
    assert _submit(api, third, "sz_tech3").status == 400


def test_a_file_verified_on_a_claim_but_on_none_of_its_lines_is_not_held_by_it(api):
    unused, used = _pdf(), _pdf()
    claim = _with_receipts(api, "sz_tech1", used)
    _receipt(api, claim, "sz_tech1", unused)  # uploaded by mistake, never put on a line
    submitted = _submit(api, api.get(f"/api/claims/{claim['id']}", "sz_tech1").body,
                        "sz_tech1")
    assert submitted.status == 200, submitted.body
    other = _with_receipts(api, "sz_tech2", unused, used)
    assert [line["flags"] for line in other["lines"]] == [[], ["duplicate_receipt"]]


def test_two_claims_of_one_file_submitted_at_once_pass_one_at_most(api, monkeypatch):
    """Both submits read the other claim as a draft (holding nothing yet) before either
    writes: the transaction's check that the other is still a draft lets one through."""
    import threading

    from chalicelib.modules.fees import claims as use_cases

    invoice = _pdf()
    users = ("sz_tech1", "sz_tech2")
    drafts = [_with_receipts(api, user, invoice) for user in users]
    both_checked = threading.Barrier(2, timeout=20)
    precheck = use_cases._precheck_budget

    def after_both_read(claim, now):  # runs after the duplicate check, before the write
        both_checked.wait()
        precheck(claim, now)

    monkeypatch.setattr(use_cases, "_precheck_budget", after_both_read)
    replies: dict[str, object] = {}

    def attempt(claim, user):
        replies[user] = _submit(api, claim, user)

    threads = [threading.Thread(target=attempt, args=pair) for pair in zip(drafts, users,
                                                                           strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status for r in replies.values()) == [200, 400], {
        u: r.body for u, r in replies.items()}
    (lost,) = [r for r in replies.values() if r.status == 400]
    (won,) = [r for r in replies.values() if r.status == 200]
    assert lost.error["details"]["duplicates"][0]["number"] == won.body["number"]
