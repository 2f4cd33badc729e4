"""The monthly appraisal (月度考核) through the API (issue 16 check 4): a technician's 2026-11
row equals a hand computation from the orders, complaints and ledger entries this test makes
for them at November moments; the manager signs the month off in December; a complaint about
November judged valid after that lands in 2026-12 as an adjustment, while the signed month
stays as signed. And who may read and sign, and the sign-off's refusals.

The technician is new (tests/workload_helpers.py `crew`), so nobody else's orders are theirs;
each order is on equipment of its own, so no order repeats another but the one meant to."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.appraisal_helpers import REPAIR, new_customer, order_at, walk
from tests.conftest import Api
from tests.sla_helpers import frozen, shanghai
from tests.workload_helpers import crew

PATH = "/api/technicians/appraisals"
def _complaint(api: Api, at: datetime, tech: str, order: dict, stands: bool | None) -> dict:
    with frozen(at):
        made = api.post("/api/complaints", "sz_agent", {
            "kind": "service_attitude", "channel": "phone",
            "complainant": {"name": "黄女士", "phone": "13800001111"},
            "about": {"staff": tech, "order_id": order["id"]},
            "content": "考核测试：技术员态度生硬", "demand": "给个说法"})
        assert made.status == 201, made.body
        if stands is None:
            return made.body
        return _judge(api, made.body, stands)


def _judge(api: Api, complaint: dict, stands: bool) -> dict:
    data = {"stands": True} if stands else {
        "stands": False, "reason": "与事实不符", "explanation": {"text": "已向顾客解释",
                                                               "channel": "phone"}}
    judged = api.act_on("/api/complaints", complaint, "judge", "sz_manager", data)
    assert judged.status == 200, judged.body
    return judged.body


def _ledger(api: Api, at: datetime, tech: str, user: str, body: dict) -> None:
    with frozen(at):
        made = api.post(f"/api/staff/{tech}/ledger", user, body)
    assert made.status == 201, made.body


def _row(appraisal: dict, username: str) -> dict:
    return next(r for r in appraisal["rows"] if r["username"] == username)


def _read(api: Api, user: str, month: str, outlet: str | None = "SZ"):
    query = f"?month={month}" + (f"&outlet={outlet}" if outlet else "")
    return api.get(PATH + query, user)


def _sign(api: Api, user: str, body: dict):
    return api.post(f"{PATH}/sign", user, body)


def test_the_months_appraisal_is_the_hand_computation_and_a_late_event_lands_next_month(api):
    with crew([4], tag="appr") as (person,):
        tech = person["username"]
        # A: 3 Nov, every clock met; the return visit scores 5
        a, _ = walk(api, order_at(api, shanghai("2026-11-03T09:00:00"), new_customer(api)), tech,
                     shanghai("2026-11-03T09:00:00"), [*REPAIR, "return_visit"],
                     {"overall": 5})
        # B: 10 Nov, contacted 30 minutes after dispatch (the contact clock's 20 missed);
        # the return visit scores 3
        b, _ = walk(api, order_at(api, shanghai("2026-11-10T09:00:00"), new_customer(api)), tech,
                     shanghai("2026-11-10T09:00:00"), [*REPAIR, "return_visit"],
                     {"contact": timedelta(minutes=30), "overall": 3})
        # C: accepted 24 Nov, its return visit only in December
        c_customer = new_customer(api)
        c, _ = walk(api, order_at(api, shanghai("2026-11-24T09:00:00"), c_customer), tech,
                     shanghai("2026-11-24T09:00:00"), REPAIR)
        # D: 18 Nov, the same unit as A again within 30 days: a repeat of the technician's repair
        a_customer = {"id": a["customer_id"], "sites": [{"id": a["site_id"]}],
                      "equipment": [{"id": a["equipment_id"]}]}
        d = order_at(api, shanghai("2026-11-18T09:00:00"), a_customer)
        assert d["id"]
        # complaints about them received in November: one valid, one not, one not judged yet
        _complaint(api, shanghai("2026-11-20T10:00:00"), tech, a, True)
        _complaint(api, shanghai("2026-11-21T10:00:00"), tech, b, False)
        pending = _complaint(api, shanghai("2026-11-25T10:00:00"), tech, b, None)
        later = _complaint(api, shanghai("2026-11-26T10:00:00"), tech, a, None)
        # the ledger: a 300元 reward, a 100元 fine and a warning
        _ledger(api, shanghai("2026-11-12T15:00:00"), tech, "sz_manager",
                {"kind": "reward", "amount_fen": 30000, "reason": "合理化建议被采纳"})
        _ledger(api, shanghai("2026-11-13T15:00:00"), tech, "hq_admin",
                {"kind": "penalty", "penalty_kind": "fine", "amount_fen": 10000,
                 "reason": "未按规定穿戴劳保用品"})
        _ledger(api, shanghai("2026-11-14T15:00:00"), tech, "sz_manager",
                {"kind": "penalty", "penalty_kind": "warning", "reason": "未按时提交日报"})

        # the hand computation: A, B, C completed; B missed its contact clock; A's and B's
        # return visits (5, 3) in November, both within 3 working days
        expected = {
            "username": tech, "name": person["name"],
            "completed": 3, "on_time": 2, "on_time_rate": round(2 / 3, 4),
            "clocks": {"response": {"met": 3, "missed": 0, "rate": 1.0},
                       "contact": {"met": 2, "missed": 1, "rate": round(2 / 3, 4)},
                       "arrival": {"met": 3, "missed": 0, "rate": 1.0},
                       "repair": {"met": 3, "missed": 0, "rate": 1.0},
                       "return_visit": {"met": 2, "missed": 0, "rate": 1.0}},
            "satisfaction": 4.0, "visits": 2,
            "valid_complaints": 1, "repeat_repairs": 1,
            "penalties": 2, "penalties_fen": 10000, "rewards": 1, "rewards_fen": 30000,
            "allowance_base": 3}

        with frozen(shanghai("2026-11-30T18:00:00")):  # so far: open, not signable yet
            so_far = _read(api, "sz_manager", "2026-11")
            assert so_far.status == 200, so_far.body
            assert so_far.body["state"] == "open" and so_far.body["ended"] is False
            assert _row(so_far.body, tech) == expected
            early = _sign(api, "sz_manager", {"outlet": "SZ", "month": "2026-11", "version": 0,
                                              "digest": so_far.body["digest"]})
            assert early.status == 409 and early.error["code"] == "appraisal_month_open"
            # the technician's own file shows the same month, computed the same way
            own = api.get(f"/api/technicians/{tech}", tech)
            assert own.status == 200, own.body
            assert own.body["month"] == {"month": "2026-11", **{k: expected[k] for k in (
                "completed", "on_time_rate", "satisfaction", "valid_complaints",
                "penalties_fen", "rewards_fen")}}

        signed_at = shanghai("2026-12-02T10:00:00")
        with frozen(signed_at):
            month = _read(api, "sz_manager", "2026-11")
            assert month.body["state"] == "open" and month.body["ended"] is True
            assert _row(month.body, tech) == expected
            signed = _sign(api, "sz_manager", {"outlet": "SZ", "month": "2026-11",
                                               "version": 0, "digest": month.body["digest"]})
            assert signed.status == 200, signed.body
            assert signed.body["state"] == "signed" and signed.body["version"] == 1
            assert signed.body["signed_by"] == "sz_manager" and signed.body["signed_by_name"]
            assert signed.body["signed_at"] == "2026-12-02T02:00:00.000Z"
            assert _row(signed.body, tech) == expected
            again = _sign(api, "hq_admin", {"outlet": "SZ", "month": "2026-11", "version": 1,
                                            "digest": signed.body["digest"]})
            assert again.status == 409 and again.error["code"] == "appraisal_signed"

        # late events of November: the pending complaint judged valid, C's return visit
        with frozen(shanghai("2026-12-03T10:00:00")):
            _judge(api, api.get(f"/api/complaints/{pending['id']}", "sz_manager").body, True)
        walk(api, c, tech, shanghai("2026-12-03T11:00:00"), ["return_visit"], {"overall": 4})

        with frozen(shanghai("2026-12-04T09:00:00")):
            november = _read(api, "hq_admin", "2026-11")
            assert november.body["state"] == "signed"
            assert _row(november.body, tech) == expected  # as signed
            december = _read(api, "sz_manager", "2026-12")
            assert december.status == 200, december.body
            assert december.body["state"] == "open"
            mine = [a for a in december.body["adjustments"] if a["username"] == tech]
            assert mine == [{"username": tech, "name": person["name"], "month": "2026-11",
                             "changes": [{"field": "valid_complaints", "signed": 1, "now": 2,
                                          "delta": 1}]}]
            # the late return visit is December's own (its fact is of the visit's month)
            row = _row(december.body, tech)
            assert row["visits"] == 1 and row["satisfaction"] == 4.0 and row["completed"] == 0
            assert sum(row["clocks"]["return_visit"][k] for k in ("met", "missed")) == 1

            # the monthly report's sheets: November as signed, December's adjustments
            from chalicelib.modules.technicians import appraisal_report

            (sheet,) = [s for s in appraisal_report.sheets("SZ", "2026-11") if s.name == "考核"]
            line = next(r for r in sheet.rows if r[1] == tech)
            assert line[3].startswith("已签字")
            third = round(2 / 3, 4)
            assert line[:3] + line[4:] == [
                person["name"], tech, "深圳服务站", 3, 2, third, 1.0, third, 1.0, 1.0, 1.0,
                4.0, 2, 1, 1, 2, 100.0, 1, 300.0, 3]
            changes = next(s for s in appraisal_report.sheets("SZ", "2026-12")
                           if s.name == "考核调整")
            assert [r for r in changes.rows if r[1] == tech] == [
                [person["name"], tech, "深圳服务站", "2026-11", "有效投诉", 1, 2, 1]]

        # December is signed with that adjustment; then the other November complaint is
        # judged valid: it lands in January, counted from what December's sign-off counted
        # (two sign-offs back is not too far), and December keeps what it froze
        with frozen(shanghai("2027-01-02T10:00:00")):
            december = _read(api, "sz_manager", "2026-12")
            signed = _sign(api, "sz_manager", {"outlet": "SZ", "month": "2026-12", "version": 0,
                                               "digest": december.body["digest"]})
            assert signed.status == 200, signed.body
            assert [a for a in signed.body["adjustments"] if a["username"] == tech] == mine
        with frozen(shanghai("2027-01-03T10:00:00")):
            _judge(api, api.get(f"/api/complaints/{later['id']}", "sz_manager").body, True)
        with frozen(shanghai("2027-01-04T09:00:00")):
            january = _read(api, "sz_manager", "2027-01").body
            assert [a for a in january["adjustments"] if a["username"] == tech] == [
                {"username": tech, "name": person["name"], "month": "2026-11",
                 "changes": [{"field": "valid_complaints", "signed": 2, "now": 3, "delta": 1}]}]
            frozen_december = _read(api, "sz_manager", "2026-12").body
            assert [a for a in frozen_december["adjustments"] if a["username"] == tech] == mine
            assert _row(_read(api, "sz_manager", "2026-11").body, tech) == expected


def test_who_reads_and_signs_and_the_sign_offs_refusals(api):
    with frozen(shanghai("2026-12-05T10:00:00")):
        august = _read(api, "sz_manager", "2026-08")
        assert august.status == 200 and august.body["state"] == "open"
        assert august.body["ended"] is True and august.body["version"] == 0
        body = {"outlet": "SZ", "month": "2026-08", "version": 0,
                "digest": august.body["digest"]}
        # a technician reads their own month on their file, not the outlet's appraisal
        assert _read(api, "sz_tech1", "2026-08").status == 403
        assert _sign(api, "sz_tech1", body).status == 403
        assert _read(api, "sz_agent", "2026-08").status == 403
        # another outlet's manager: the outlet's appraisal does not exist for them
        assert _read(api, "cd_manager", "2026-08").status == 404
        assert _sign(api, "cd_manager", body).status == 404
        # a manager's own outlet without naming it; head office must name one
        assert _read(api, "sz_manager", "2026-08", outlet=None).body["outlet"] == "SZ"
        missing = _read(api, "hq_admin", "2026-08", outlet=None)
        assert missing.status == 400 and "outlet" in missing.error["fields"]
        assert _read(api, "hq_admin", "2026-08", outlet="HQ").status == 404
        assert _read(api, "hq_admin", "2026-08", outlet="XX").status == 404
        bad = _read(api, "sz_manager", "2026-13")
        assert bad.status == 400 and "month" in bad.error["fields"]
        # the month not over yet: read so far, not signed
        december = _read(api, "sz_manager", "2026-12").body
        early = _sign(api, "sz_manager", {**body, "month": "2026-12",
                                          "digest": december["digest"]})
        assert early.status == 409 and early.error["code"] == "appraisal_month_open"
        # what the signer saw is no longer what the month says
        changed = _sign(api, "sz_manager", {**body, "digest": "0" * 16})
        assert changed.status == 409 and changed.error["code"] == "appraisal_changed"
        stale = _sign(api, "sz_manager", {**body, "version": 3})
        assert stale.status == 409 and stale.error["code"] == "stale_version"
        for field, value in (("digest", "xyz"), ("month", "2026-8"), ("version", -1)):
            refused = _sign(api, "sz_manager", {**body, field: value})
            assert refused.status == 400 and field in refused.error["fields"], field
        lacking = _sign(api, "sz_manager", {k: v for k, v in body.items() if k != "digest"})
        assert lacking.status == 400 and "digest" in lacking.error["fields"]
        # nothing was signed by any of that
        assert _read(api, "sz_manager", "2026-08").body["state"] == "open"


@pytest.mark.parametrize("user", ["sz_manager", "hq_admin"])
def test_an_appraisal_lists_the_outlets_technicians_even_without_orders(api, user):
    with frozen(shanghai("2026-12-05T10:00:00")):
        reply = _read(api, user, "2023-01")  # no month before it signed
    assert reply.status == 200, reply.body
    rows = {r["username"]: r for r in reply.body["rows"]}
    assert {"sz_tech1", "sz_tech2", "sz_tech3"} <= set(rows)
    assert "sz_manager" not in rows and "cd_tech1" not in rows
    assert rows["sz_tech2"]["completed"] == 0 and rows["sz_tech2"]["satisfaction"] is None
    assert reply.body["adjustments"] == []


def test_signing_a_month_rebuilds_its_outlets_monthly_report_with_the_signed_sheet(api):
    """The report runs on the 1st, usually before the sign-off: signing rebuilds the outlet's
    report of that month (through the job queue), not the others' — the network's is rebuilt
    by the run on the 5th. An older build never replaces a newer one's file."""
    import io

    import requests
    from openpyxl import load_workbook

    from chalicelib.modules.figures import store as figures_store
    from infra.local.queues import drain

    month = "2024-03"  # a month no other test signs or reports
    drain()  # whatever other tests left on the queue
    made = api.post(f"/api/monthly-reports/{month}/run", "hq_admin")
    assert made.status == 200, made.body
    runs = {i["scope"]: i["runs"] for i in made.body["items"]}
    assert {"SZ", "CD", "NETWORK"} <= set(runs)

    def states(item: dict) -> set[str]:
        got = requests.get(item["url"], timeout=60)
        assert got.status_code == 200
        book = load_workbook(io.BytesIO(got.content), read_only=True)
        return {row[3] for row in list(book["考核"].iter_rows(values_only=True))[1:]}

    sz = next(i for i in made.body["items"] if i["scope"] == "SZ")
    assert all(state.startswith("待签字") for state in states(sz))

    shown = _read(api, "sz_manager", month).body
    signed = _sign(api, "sz_manager", {"outlet": "SZ", "month": month, "version": 0,
                                       "digest": shown["digest"]})
    assert signed.status == 200, signed.body
    assert drain() >= 1
    listed = api.get("/api/monthly-reports?year=2024", "hq_admin").body["items"]
    after = {i["scope"]: i for i in listed if i["month"] == month}
    assert after["SZ"]["runs"] == runs["SZ"] + 1
    assert (after["NETWORK"]["runs"], after["CD"]["runs"]) == (runs["NETWORK"], runs["CD"])
    assert all(state.startswith("已签字") for state in states(after["SZ"]))
    # a build that began before the stored one's cannot replace it
    stored = figures_store.get_monthly(month, "SZ")
    older = figures_store.get_monthly(month, "SZ")
    older.built_from, older.s3_version_id = "2000-01-01T00:00:00.000Z", "an-old-version"
    assert figures_store.save_monthly(older) is False
    assert figures_store.get_monthly(month, "SZ").s3_version_id == stored.s3_version_id


def test_two_months_signed_at_once_count_a_late_change_once(api):
    """A complaint of a signed month judged valid later is counted by the next sign-off; two
    later months signed at the same moment cannot both count it (the outlet's sign-offs are
    serialised: the loser is told the figures changed, reads again, and no longer sees it)."""
    import threading

    may, june, july = "2023-05", "2023-06", "2023-07"  # months no other test signs
    with crew([3], tag="apr2") as (person,):
        tech = person["username"]
        customer = new_customer(api)
        order = order_at(api, shanghai("2023-05-10T09:00:00"), customer)
        late = _complaint(api, shanghai("2023-05-12T10:00:00"), tech, order, None)
        shown = _read(api, "sz_manager", may).body
        assert _sign(api, "sz_manager", {"outlet": "SZ", "month": may, "version": 0,
                                         "digest": shown["digest"]}).status == 200
        _judge(api, api.get(f"/api/complaints/{late['id']}", "sz_manager").body, True)
        seen = {m: _read(api, "sz_manager", m).body for m in (june, july)}
        for month in (june, july):
            assert [a["month"] for a in seen[month]["adjustments"]
                    if a["username"] == tech] == [may]

        replies, barrier = [], threading.Barrier(2)

        def attempt(month):
            barrier.wait()
            replies.append((month, _sign(api, "sz_manager", {
                "outlet": "SZ", "month": month, "version": 0,
                "digest": seen[month]["digest"]})))

        threads = [threading.Thread(target=attempt, args=(m,)) for m in (june, july)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        statuses = sorted(r.status for _, r in replies)
        assert statuses == [200, 409], [(m, r.body) for m, r in replies]
        (lost_month, lost), = [(m, r) for m, r in replies if r.status == 409]
        assert lost.error["code"] == "appraisal_changed"
        again = _read(api, "sz_manager", lost_month).body
        assert again["state"] == "open"
        assert _sign(api, "sz_manager", {"outlet": "SZ", "month": lost_month, "version": 0,
                                         "digest": again["digest"]}).status == 200
        counted = [change["delta"]
                   for month in (june, july)
                   for a in _read(api, "sz_manager", month).body["adjustments"]
                   if a["username"] == tech and a["month"] == may
                   for change in a["changes"]]
        assert counted == [1]
