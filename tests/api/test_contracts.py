"""Maintenance contracts (维护合同, issue 18 slice 1): the contract's API — create, validation,
access, versioning, activation, termination and renewal — and the entitlement of orders on the
units it covers: coverage `contract`, the contract's service level as the SLA targets, included
call-outs counted in the order's create transaction and the manager's override (check 5, 6)."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.appraisal_helpers import new_customer
from tests.sla_helpers import frozen

CHECKLIST = [{"area": "前端设备", "items": ["摄像机图像清晰", "云台转动正常", "防护罩完好"]},
             {"area": "线路", "items": ["接头无松动", "线缆无破损", "防雷接地良好"]}]


def body(customer: dict, **changes) -> dict:
    return {"customer_id": customer["id"], "starts_on": "2043-01-01", "ends_on": "2043-12-31",
            "free_period": False, "price_fen": 1_200_000,
            "sites": [customer["sites"][0]["id"]], "included_callouts": 2,
            "schedule": {"kind": "monthly", "day": 15, "per": "site"},
            "checklist": CHECKLIST, **changes}


def create(api, customer: dict, user: str = "sz_manager", **changes):
    return api.post("/api/contracts", user, body(customer, **changes))


def order(api, customer: dict, user: str = "sz_agent", unit: dict | None = None, **fields):
    unit = unit or customer["equipment"][0]
    return api.post("/api/work-orders", user, {
        "customer_id": customer["id"], "equipment_id": unit["id"], "type": "repair",
        "priority": "general", "channel": "phone", "description": "合同设备报修", **fields})


MARCH = datetime(2043, 3, 10, 2, 0, tzinfo=UTC)  # 10:00 in Shenzhen, within the 2043 contract


# ---------------------------------------------------------------- create, read, validation

def test_a_manager_records_a_draft_contract_numbered_for_the_outlet_and_year(api):
    customer = new_customer(api)
    reply = create(api, customer)
    assert reply.status == 201, reply.body
    contract = reply.body
    assert re.fullmatch(r"WH-SZ-2043-\d{4}", contract["number"])
    assert contract["state"] == "draft" and contract["version"] == 1
    assert contract["next_due_on"] is None and contract["remind_on"] is None
    assert contract["callouts"] == {"year_from": "2043-01-01", "year_to": "2043-12-31",
                                    "included": 2, "used": 0, "remaining": 2}
    assert contract["checklist"] == CHECKLIST and contract["inspections"] == []
    assert contract["site_names"] == {customer["sites"][0]["id"]: "一号厂区"}
    assert list(contract["unit_labels"]) == [customer["equipment"][0]["id"]]
    assert [e["action"] for e in contract["events"]] == ["contract_created"]
    assert contract["may"] == {"edit": True, "activate": True, "renew": False, "terminate": True}
    again = api.get(f"/api/contracts/{contract['id']}", "sz_agent").body
    assert again["number"] == contract["number"]
    assert again["may"] == {"edit": False, "activate": False, "renew": False, "terminate": False}


def test_an_idempotent_retry_returns_the_first_contract(api):
    customer = new_customer(api)
    key = {"Idempotency-Key": uuid.uuid4().hex}
    first = api.post("/api/contracts", "sz_manager", body(customer), headers=key)
    second = api.post("/api/contracts", "sz_manager", body(customer), headers=key)
    assert first.status == second.status == 201
    assert first.body["id"] == second.body["id"]


@pytest.mark.parametrize("changes,field", [
    ({"ends_on": "2043-01-01"}, "ends_on"),
    ({"free_period": True}, "price_fen"),
    ({"sites": ["site_not_this_customers"]}, "sites.0"),
    ({"units": ["unit_not_this_customers"]}, "units.0"),
    ({"schedule": {"kind": "quarterly", "day": 15, "month_offset": 3, "per": "site"}},
     "schedule.month_offset"),
    ({"schedule": {"kind": "monthly", "day": 29, "per": "site"}}, "schedule.day"),
])
def test_an_inconsistent_contract_is_refused_naming_the_field(api, changes, field):
    customer = new_customer(api)
    reply = create(api, customer, **changes)
    assert reply.status == 400, reply.body
    assert field in reply.error["fields"]


def test_another_customers_unit_is_refused_naming_it(api):
    mine, theirs = new_customer(api), new_customer(api)
    reply = create(api, mine, units=[mine["equipment"][0]["id"], theirs["equipment"][0]["id"]])
    assert reply.status == 400
    assert list(reply.error["fields"]) == ["units.1"]


def test_a_unit_under_another_active_contract_over_the_period_is_a_409_naming_it(api):
    customer = new_customer(api)
    first = create(api, customer, state="active")
    assert first.status == 201, first.body
    unit = customer["equipment"][0]
    reply = create(api, customer, state="active", starts_on="2043-06-01", ends_on="2044-05-31",
                   units=[unit["id"]])
    assert reply.status == 409
    assert reply.error["code"] == "contract_overlap"
    assert "units.0" in reply.error["fields"]
    # a later period does not overlap
    later = create(api, customer, state="active", starts_on="2044-01-01", ends_on="2044-12-31")
    assert later.status == 201, later.body


# ---------------------------------------------------------------- access (check 6)

def test_another_outlets_contract_is_not_found(api):
    customer = new_customer(api)
    contract = create(api, customer).body
    for user in ("cd_manager", "cd_agent", "cd_tech1"):
        reply = api.get(f"/api/contracts/{contract['id']}", user)
        assert reply.status == 404 and reply.error["code"] == "not_found"
    assert api.get(f"/api/contracts?customer_id={customer['id']}", "cd_manager").status == 404
    assert api.call("PUT", f"/api/contracts/{contract['id']}", "cd_manager",
                    {"version": 1, "price_fen": 1}).status == 404
    assert api.get(f"/api/contracts/{contract['id']}", "hq_admin").status == 200
    assert api.get(f"/api/contracts/{contract['id']}", "sz_tech1").status == 200


def test_only_managers_and_head_office_write_contracts(api):
    customer = new_customer(api)
    assert create(api, customer, user="sz_agent").status == 403
    assert create(api, customer, user="hq_admin").status == 201


def test_lists_by_customer_state_and_outlet(api):
    customer = new_customer(api)
    draft = create(api, customer).body
    active = create(api, customer, state="active", starts_on="2045-01-01",
                    ends_on="2045-12-31").body
    mine = api.get(f"/api/contracts?customer_id={customer['id']}", "sz_agent").body["items"]
    assert {c["id"] for c in mine} == {draft["id"], active["id"]}
    only = api.get(f"/api/contracts?customer_id={customer['id']}&state=active", "sz_agent")
    assert [c["id"] for c in only.body["items"]] == [active["id"]]
    outlet = api.get("/api/contracts?state=active&limit=100", "sz_manager").body["items"]
    assert all(c["state"] == "active" and c["outlet"] == "SZ" for c in outlet)
    assert api.get("/api/contracts?outlet=CD", "sz_manager").status == 404
    assert api.get("/api/contracts?state=bogus", "sz_manager").status == 400
    assert api.get("/api/contracts?renewal_due=true", "sz_manager").status == 200
    assert api.get("/api/contracts", "hq_admin").status == 200


# ---------------------------------------------------------------- edit, activate, terminate, renew

def test_an_edit_at_a_stale_version_is_a_409_and_an_edit_is_on_the_timeline(api):
    customer = new_customer(api)
    contract = create(api, customer).body
    changed = api.call("PUT", f"/api/contracts/{contract['id']}", "sz_manager",
                       {"version": 1, "price_fen": 1_500_000, "included_callouts": 4})
    assert changed.status == 200, changed.body
    assert changed.body["price_fen"] == 1_500_000 and changed.body["version"] == 2
    assert changed.body["events"][-1]["data"]["changed"] == ["included_callouts", "price_fen"]
    stale = api.call("PUT", f"/api/contracts/{contract['id']}", "sz_manager",
                     {"version": 1, "price_fen": 1})
    assert stale.status == 409 and stale.error["code"] == "stale_version"


def test_activation_sets_the_next_inspection_and_the_reminder_day(api):
    customer = new_customer(api)
    contract = create(api, customer).body
    with frozen(datetime(2042, 12, 1, 2, 0, tzinfo=UTC)):
        active = api.post(f"/api/contracts/{contract['id']}/activate", "sz_manager",
                          {"version": 1})
    assert active.status == 200, active.body
    assert active.body["state"] == "active"
    assert active.body["next_due_on"] == "2043-01-15"
    assert active.body["remind_on"] == "2043-09-30"
    again = api.post(f"/api/contracts/{contract['id']}/activate", "sz_manager",
                     {"version": active.body["version"]})
    assert again.status == 409 and again.error["code"] == "contract_state"


def test_termination_records_the_reason_and_ends_coverage(api):
    customer = new_customer(api)
    contract = create(api, customer, state="active").body
    ended = api.post(f"/api/contracts/{contract['id']}/terminate", "sz_manager",
                     {"version": contract["version"], "reason": "客户要求解除"})
    assert ended.status == 200, ended.body
    assert ended.body["state"] == "terminated"
    assert ended.body["terminated"]["reason"] == "客户要求解除"
    with frozen(MARCH):
        made = order(api, customer).body
    assert made["contract"] is None


def test_a_renewal_keeps_the_old_contract_until_its_end_then_shows_it_superseded(api):
    customer = new_customer(api)
    old = create(api, customer, state="active").body
    renewal = api.post(f"/api/contracts/{old['id']}/renew", "sz_manager",
                       {"version": old["version"], "ends_on": "2044-12-31",
                        "price_fen": 1_300_000})
    assert renewal.status == 201, renewal.body
    new = renewal.body
    assert new["state"] == "draft" and new["renewal_of"] == old["id"]
    assert new["starts_on"] == "2044-01-01" and new["checklist"] == CHECKLIST
    old_now = api.get(f"/api/contracts/{old['id']}", "sz_manager").body
    assert old_now["state"] == "active" and old_now["renewed_by"] == new["id"]
    assert old_now["may"]["renew"] is False
    with frozen(datetime(2043, 2, 1, 2, tzinfo=UTC)):
        active = api.post(f"/api/contracts/{new['id']}/activate", "sz_manager",
                          {"version": new["version"]})
        assert active.status == 200, active.body
        old_now = api.get(f"/api/contracts/{old['id']}", "sz_manager").body
    # the old one still covers its remaining months and keeps its inspections
    assert old_now["state"] == "active" and old_now["next_due_on"] == "2043-01-15"
    assert [e["action"] for e in old_now["events"]][-1] == "contract_renewed"
    with frozen(MARCH):
        made = order(api, customer).body
    assert made["coverage"] == "contract" and made["contract"]["id"] == old["id"]
    # once its period is over it is shown superseded, and the renewal covers
    with frozen(datetime(2044, 1, 5, 2, tzinfo=UTC)):
        old_after = api.get(f"/api/contracts/{old['id']}", "sz_manager").body
        later = order(api, customer).body
    assert old_after["state"] == "superseded"
    assert old_after["may"] == {"edit": False, "activate": False, "renew": False,
                                "terminate": False}
    assert later["contract"]["id"] == new["id"]


def test_an_active_renewal_leaves_the_old_contract_covering_until_its_end(api):
    customer = new_customer(api)
    with frozen(datetime(2043, 2, 1, 2, tzinfo=UTC)):
        old = create(api, customer, state="active").body
        new = api.post(f"/api/contracts/{old['id']}/renew", "sz_manager",
                       {"version": old["version"], "ends_on": "2044-12-31", "price_fen": 0,
                        "state": "active"}).body
        assert new["state"] == "active"
        old_now = api.get(f"/api/contracts/{old['id']}", "sz_manager").body
    assert old_now["state"] == "active" and old_now["renewed_by"] == new["id"]
    assert old_now["next_due_on"] == "2043-02-15"
    assert old_now["remind_on"] is None  # renewed: its expiry is not told
    with frozen(MARCH):
        made = order(api, customer).body
    assert made["contract"]["id"] == old["id"]
    with frozen(datetime(2044, 1, 5, 2, tzinfo=UTC)):
        assert api.get(f"/api/contracts/{old['id']}",
                       "sz_manager").body["state"] == "superseded"


# ---------------------------------------------------------------- entitlement at intake (check 5)

def test_an_order_on_a_covered_unit_is_under_the_contract_with_its_service_level(api):
    customer = new_customer(api)
    contract = create(api, customer, state="active",
                      service_level={"response_minutes": 30, "arrival_minutes": 240}).body
    with frozen(MARCH):
        reply = order(api, customer, priority="urgent")
    assert reply.status == 201, reply.body
    made = reply.body
    assert made["coverage"] == "contract"
    assert made["contract"]["id"] == contract["id"]
    assert made["contract"]["callouts"] == {"year_from": "2043-01-01", "year_to": "2043-12-31",
                                            "included": 2, "used": 1, "remaining": 1}
    clocks = {c["name"]: c for c in made["clocks"]}
    assert clocks["response"]["due_at"].startswith("2043-03-10T02:30")
    assert clocks["arrival"]["due_at"].startswith("2043-03-10T06:00")
    page = api.get(f"/api/contracts/{contract['id']}", "sz_manager").body
    assert page["callouts"]["used"] == 1
    assert page["events"][-1]["action"] == "callout_counted"


def test_the_call_out_past_the_included_ones_is_paid_unless_a_manager_overrides(api):
    customer = new_customer(api)
    contract = create(api, customer, state="active", included_callouts=1).body
    with frozen(MARCH):
        first = order(api, customer).body
        second = order(api, customer).body
        agent_override = order(api, customer, callout_override={"reason": "客户重要"})
        no_reason = order(api, customer, user="sz_manager", callout_override={})
        third = order(api, customer, user="sz_manager",
                      callout_override={"reason": "同一故障复发，按合同处理"})
    assert first["coverage"] == "contract"
    assert second["coverage"] == "paid"
    created = next(e for e in second["events"] if e["action"] == "create")
    assert created["data"]["callout_exceeded"]["number"] == contract["number"]
    assert second["contract"]["exceeded"] is True
    assert agent_override.status == 403
    assert no_reason.status == 400 and "callout_override.reason" in no_reason.error["fields"]
    assert third.status == 201, third.body
    assert third.body["coverage"] == "contract"
    assert third.body["contract"]["override"]["reason"] == "同一故障复发，按合同处理"
    assert third.body["contract"]["callouts"] == {
        "year_from": "2043-01-01", "year_to": "2043-12-31", "included": 1, "used": 3,
        "remaining": 0}
    page = api.get(f"/api/contracts/{contract['id']}", "sz_manager").body
    assert [e["action"] for e in page["events"]][-1] == "callout_override"


def test_an_inspection_takes_no_call_out_and_an_order_outside_the_period_none(api):
    customer = new_customer(api)
    create(api, customer, state="active", included_callouts=1)
    with frozen(MARCH):
        inspection = order(api, customer, type="inspection").body
    assert inspection["coverage"] == "contract"
    assert inspection["contract"]["counted"] is False
    assert inspection["contract"]["callouts"]["used"] == 0
    with frozen(datetime(2044, 3, 10, 2, 0, tzinfo=UTC)):
        later = order(api, customer).body
    assert later["contract"] is None and later["coverage"] != "contract"


def test_a_unit_at_an_uncovered_site_is_not_under_the_contract(api):
    customer = new_customer(api)
    site = api.post(f"/api/customers/{customer['id']}/sites", "sz_agent", {"name": "二号厂区"})
    assert site.status == 201, site.body
    site_id = site.body["id"] if "id" in site.body else site.body["sites"][-1]["id"]
    unit = api.post(f"/api/customers/{customer['id']}/equipment", "sz_agent", {
        "model": "冷水机组 LS-500", "serial_no": f"UC-{uuid.uuid4().hex[:8]}",
        "site_id": site_id})
    assert unit.status == 201, unit.body
    unit_body = unit.body if "model" in unit.body else unit.body["equipment"][-1]
    create(api, customer, state="active")
    with frozen(MARCH):
        made = order(api, customer, unit=unit_body).body
    assert made["contract"] is None


def test_the_unit_page_shows_its_contract(api):
    customer = new_customer(api)
    contract = create(api, customer, state="active", starts_on="2026-01-01",
                      ends_on=(datetime.now(UTC) + timedelta(days=400)).date().isoformat()).body
    unit = customer["equipment"][0]
    page = api.get(f"/api/customers/{customer['id']}/units/{unit['id']}", "sz_agent")
    assert page.status == 200, page.body
    assert page.body["contract"]["number"] == contract["number"]


def test_an_order_naming_a_site_other_than_its_units_is_refused_and_not_covered(api):
    customer = new_customer(api)
    site = api.post(f"/api/customers/{customer['id']}/sites", "sz_agent", {"name": "二号厂区"})
    assert site.status == 201, site.body
    other = site.body["id"] if "id" in site.body else site.body["sites"][-1]["id"]
    # a contract on the other site only: the unit (at the first site) is not under it
    create(api, customer, state="active", sites=[other])
    with frozen(MARCH):
        claimed = order(api, customer, site_id=other)
        plain = order(api, customer)
    assert claimed.status == 400, claimed.body
    assert claimed.error["fields"]["site_id"]
    assert plain.status == 201 and plain.body["contract"] is None


def test_a_checklist_is_stored_as_utf8_and_one_too_large_is_a_400_on_checklist(api):
    import json

    from chalicelib.modules.contracts.keys import contract_pk
    from chalicelib.modules.contracts.models import Contract

    customer = new_customer(api)
    # ≈ 27 KB as UTF-8 (≈ 54 KB as \uXXXX escapes): kept, and stored as written
    fits = [{"area": f"区域{a}", "items": ["检查摄像机图像清晰度与云台转动" * 4] * 30}
            for a in range(5)]
    made = create(api, customer, checklist=fits)
    assert made.status == 201, made.body
    stored = Contract._get_connection().get_item(contract_pk(made.body["id"]), "CONTRACT")
    text = stored["Item"]["checklist"]["S"]
    assert "\\u" not in text and "检查摄像机图像清晰度" in text
    assert json.loads(text) == fits
    # 20 areas of 50 items of 70 characters: ≈ 210 KB as UTF-8, past 400 KB escaped
    large = [{"area": f"区域{a}", "items": ["检" * 70] * 50} for a in range(20)]
    reply = api.post("/api/contracts", "sz_manager",
                     raw=json.dumps(body(customer, checklist=large), ensure_ascii=False).encode())
    assert reply.status == 400, reply.body
    assert list(reply.error["fields"]) == ["checklist"]
    edit = api.call("PUT", f"/api/contracts/{made.body['id']}", "sz_manager",
                    raw=json.dumps({"version": made.body["version"], "checklist": large},
                                   ensure_ascii=False).encode())
    assert edit.status == 400 and list(edit.error["fields"]) == ["checklist"]


def test_two_site_wide_contracts_over_one_site_overlap_even_without_units_there(api):
    customer = new_customer(api)
    site = api.post(f"/api/customers/{customer['id']}/sites", "sz_agent", {"name": "三号厂区"})
    assert site.status == 201, site.body
    empty = site.body["id"] if "id" in site.body else site.body["sites"][-1]["id"]
    first = create(api, customer, state="active", sites=[empty])
    assert first.status == 201, first.body
    second = create(api, customer, state="active", starts_on="2043-06-01", ends_on="2044-05-31",
                    sites=[customer["sites"][0]["id"], empty])
    assert second.status == 409, second.body
    assert second.error["code"] == "contract_overlap"
    assert "sites.1" in second.error["fields"]
    draft = create(api, customer, sites=[empty]).body
    activated = api.post(f"/api/contracts/{draft['id']}/activate", "sz_manager",
                         {"version": draft["version"]})
    assert activated.status == 409 and activated.error["code"] == "contract_overlap"


def test_a_cancelled_order_gives_its_call_out_back(api):
    customer = new_customer(api)
    contract = create(api, customer, state="active", included_callouts=1).body
    with frozen(MARCH):
        first = order(api, customer).body
        assert first["contract"]["callouts"]["used"] == 1
        cancelled = api.act(first, "cancel", "sz_manager", {"reason": "客户取消"})
        assert cancelled.status == 200, cancelled.body
        second = order(api, customer).body
    assert cancelled.body["contract"]["counted"] is False
    assert second["coverage"] == "contract" and second["contract"]["exceeded"] is False
    assert second["contract"]["callouts"]["used"] == 1
    page = api.get(f"/api/contracts/{contract['id']}", "sz_manager").body
    actions = [e["action"] for e in page["events"]]
    assert actions[-3:] == ["callout_counted", "callout_returned", "callout_counted"]
    assert page["callouts"]["used"] == 1


def test_an_order_created_under_no_contract_stays_under_none(api):
    from datetime import date

    from chalicelib.modules.contracts import hooks
    from chalicelib.modules.warranty import public as warranty

    customer = new_customer(api)
    with frozen(MARCH):
        made = order(api, customer).body
    assert made["contract"] is None
    create(api, customer, state="active")  # signed after the order was taken
    unit = warranty.unit_of(customer["id"], customer["equipment"][0]["id"])
    # a later coverage decision of that order asks with its id: still none
    assert hooks.unit_contract(unit, date(2043, 3, 10), made["id"]) is None
    # the unit itself (its page, a new order) is under the contract
    assert hooks.unit_contract(unit, date(2043, 3, 10), None) is not None


def test_the_contract_page_reads_only_what_it_shows_of_its_growing_partition(api, monkeypatch):
    from chalicelib.kernel.store.models import Item
    from chalicelib.modules.contracts.inspection_models import InspectionOccurrence
    from chalicelib.modules.contracts.keys import contract_pk
    from chalicelib.modules.contracts.models import ContractEvent

    customer = new_customer(api)
    contract = create(api, customer, state="active").body
    pk = contract_pk(contract["id"])
    # a contract years into its life: many inspections generated, each with its event
    for i in range(60):
        at = f"2020-{1 + i // 28:02d}-{1 + i % 28:02d}T00:00:00Z"  # before now
        event = ContractEvent(id=f"cev_{i:04d}", at=at, action="inspection_generated",
                              actor_username="system", to_state="active", data={"i": i},
                              contract_id=contract["id"])
        event.pk, event.sk = pk, f"EVENT#{at}#{event.id}"
        event.save()
        marker = InspectionOccurrence(contract_id=contract["id"], planned=at[:10], due=at[:10],
                                      per="site", target=f"site{i}", order_id=f"wo_{i}",
                                      order_number=f"N{i}", at=at)
        marker.pk, marker.sk = pk, f"OCC#{at[:10]}#site{i}"
        marker.save()
    queries = []
    real = Item.query.__func__

    def spy(cls, hash_key, range_key_condition=None, *args, **kw):
        queries.append((hash_key, range_key_condition))
        return real(cls, hash_key, range_key_condition, *args, **kw)

    monkeypatch.setattr(Item, "query", classmethod(spy))
    page = api.get(f"/api/contracts/{contract['id']}", "sz_manager").body
    changed = api.call("PUT", f"/api/contracts/{contract['id']}", "sz_manager",
                       {"version": page["version"], "price_fen": 1})
    assert changed.status == 200, changed.body
    # never the whole partition: every query of it has a key condition
    assert all(condition is not None for key, condition in queries if key == pk), queries
    assert len(page["events"]) == 50 and page["events_more"] is True
    assert page["events"][-1]["action"] == "contract_created"  # the newest, last
    assert page["events"][0]["data"] == {"i": 11}  # the oldest 11 are not shown
    assert changed.body["events"][-1]["action"] == "contract_changed"
