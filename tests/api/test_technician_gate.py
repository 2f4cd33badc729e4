"""Issue 16 (technicians), checks 1–3: head office's job-class table gates dispatch and plan
approval by star level and certificate; a manager may override with a reason (an audited
`skill_override` event); the dispatch form lists the qualified technicians first.

Each test brings its own technicians (tests/workload_helpers.crew: new staff records with the
star levels it needs) and certificates, so nothing depends on the demo's people."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from datetime import timedelta

import pytest

from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.modules.technicians import keys as tech_keys
from chalicelib.modules.technicians.domain.job_classes import DEFAULT_SETTINGS
from chalicelib.modules.technicians.models import Certificate
from tests.conftest import inbox
from tests.sla_helpers import frozen, shanghai
from tests.workload_helpers import crew, located_customer, order_for, take

TABLE = "/api/technicians/job-classes"
# a Monday morning in Shenzhen after the 电工证 below ran out (its last valid day 2026-10-31)
APPROVAL_DAY = shanghai("2026-11-23T09:30:00")
UP_TO_PLAN = ["dispatch", "contact", "check_in", "survey", "submit_plan"]


@contextmanager
def certificate(username: str, kind: str, valid_from: str, valid_to: str):
    """A certificate on the technician's record (as the technicians' file writes it), removed
    afterwards."""
    cert = Certificate(id=kernel_keys.new_id("crt"), username=username, outlet="SZ",
                       cert_type=kind, number=f"T-{uuid.uuid4().hex[:8]}", issuer="应急管理局",
                       valid_from=valid_from, valid_to=valid_to, created_by="sz_manager",
                       at=kernel_keys.iso(kernel_keys.utc_now()))
    tech_keys.index_certificate(cert)
    cert.save()
    try:
        yield cert
    finally:
        cert.delete()


def events(order: dict, action: str) -> list[dict]:
    return [e for e in order["events"] if e["action"] == action]


def plan(job_classes: list[str]) -> dict:
    return {"submit_plan": {"job_classes": job_classes}}


def dispatch(api, order: dict, tech: str, **data):
    return api.act(order, "dispatch", "sz_manager", {"technician": tech, "helpers": [], **data})


# ---------------------------------------------------------------- check 1: dispatch

def test_a_major_assembly_job_is_refused_to_a_two_star_technician_naming_the_level(api):
    with crew([2]) as (low,):
        order = order_for(api, located_customer(api), job_class="major_assembly")
        assert order["job_class"] == "major_assembly"
        refused = dispatch(api, order, low["username"])
    assert refused.status == 409, refused.body
    error = refused.error
    assert error["code"] == "skill_insufficient"
    assert error["details"] == {
        "technician": low["username"], "job_class": "major_assembly", "needed": 4, "has": 2,
        "problems": [{"code": "skill_insufficient", "job_class": "major_assembly",
                      "needed": 4, "has": 2}]}
    assert error["message"] == f"{low['name']} 为 2 星，发动机/变速箱/控制阀维修 需 4 星"
    assert api.get(f"/api/work-orders/{order['id']}", "sz_manager").body["state"] == "received"


def test_the_refusal_is_in_english_for_an_english_reader(api):
    with crew([2]) as (low,):
        order = order_for(api, located_customer(api), job_class="major_assembly")
        refused = api.post(f"/api/work-orders/{order['id']}/actions/dispatch", "sz_manager",
                           {"version": order["version"],
                            "data": {"technician": low["username"]}},
                           headers={"Accept-Language": "en"})
    assert refused.status == 409
    assert refused.error["message"] == (f"{low['name']} has 2 stars; Engine, gearbox and "
                                        "control-valve repair needs 4")


def test_a_managers_override_with_a_reason_dispatches_and_is_recorded_on_the_timeline(api):
    with crew([2]) as (low,):
        order = order_for(api, located_customer(api), job_class="major_assembly")
        done = dispatch(api, order, low["username"],
                        skill_override={"reason": "四星师傅均在外地，由二星师傅先行诊断"})
    assert done.status == 200, done.body
    assert done.body["state"] == "dispatched" and done.body["technician"] == low["username"]
    (override,) = events(done.body, "skill_override")
    assert override["actor"]["username"] == "sz_manager"
    assert override["data"] == {
        "technician": low["username"], "reason": "四星师傅均在外地，由二星师傅先行诊断",
        "problems": [{"code": "skill_insufficient", "job_class": "major_assembly",
                      "needed": 4, "has": 2}]}
    (dispatched,) = events(done.body, "dispatch")
    assert override["at"] > dispatched["at"]  # right after the dispatch it explains


@pytest.mark.parametrize("override", [{}, {"reason": "   "}])
def test_an_override_without_a_reason_is_400(api, override):
    with crew([2]) as (low,):
        order = order_for(api, located_customer(api), job_class="major_assembly")
        refused = dispatch(api, order, low["username"], skill_override=override)
    assert refused.status == 400, refused.body
    assert list(refused.error["fields"]) == ["data.skill_override.reason"]


def test_an_override_where_nothing_is_lacking_records_nothing(api):
    with crew([4]) as (good,):
        order = order_for(api, located_customer(api), job_class="major_assembly")
        done = dispatch(api, order, good["username"], skill_override={"reason": "以防万一"})
    assert done.status == 200, done.body
    assert events(done.body, "skill_override") == []


def test_the_managers_class_at_dispatch_replaces_the_intakes(api):
    with crew([2]) as (low,):
        order = order_for(api, located_customer(api), job_class="major_assembly")
        done = dispatch(api, order, low["username"], job_class="general_repair")
    assert done.status == 200, done.body
    assert done.body["job_class"] == "general_repair"


def test_an_order_without_a_class_is_not_checked(api):
    with crew([1]) as (novice,):
        order = order_for(api, located_customer(api))
        assert order["job_class"] is None
        assert dispatch(api, order, novice["username"]).status == 200


def test_unknown_job_classes_are_400_naming_the_field(api):
    customer = located_customer(api)
    created = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "type": "repair", "priority": "general",
        "channel": "phone", "description": "异响", "job_class": "rocket_science"})
    assert created.status == 400 and list(created.error["fields"]) == ["job_class"]
    bad_shape = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "type": "repair", "priority": "general",
        "channel": "phone", "description": "异响", "job_class": "Not A Code"})
    assert bad_shape.status == 400 and list(bad_shape.error["fields"]) == ["job_class"]
    with crew([5]) as (master,):
        order = order_for(api, customer)
        refused = dispatch(api, order, master["username"], job_class="rocket_science")
        assert refused.status == 400 and list(refused.error["fields"]) == ["data.job_class"]
        order = take(api, order, master["username"], UP_TO_PLAN[:-1])
        plan_data = {"measures": "检修", "parts_tools": "工具", "estimated_hours": 2,
                     "staff": ["甲"], "job_classes": ["welding", "rocket_science", "welding"]}
        refused = api.act(order, "submit_plan", master["username"], plan_data)
    assert refused.status == 400
    assert refused.error["fields"].keys() == {"data.job_classes.1", "data.job_classes.2"}


# ---------------------------------------------------------------- check 2: plan approval

def test_a_plan_naming_commissioning_is_not_approved_for_a_four_star_technician(api):
    with crew([4]) as (four,):
        order = take(api, order_for(api, located_customer(api)), four["username"], UP_TO_PLAN,
                     data=plan(["commissioning"]))
        assert order["plan"]["job_classes"] == ["commissioning"]
        refused = api.act(order, "approve_plan", "sz_manager", {"comment": "同意"})
        assert refused.status == 409, refused.body
        assert refused.error["code"] == "skill_insufficient"
        assert refused.error["details"]["job_class"] == "commissioning"
        assert (refused.error["details"]["needed"], refused.error["details"]["has"]) == (5, 4)
        approved = api.act(order, "approve_plan", "sz_manager",
                           {"comment": "同意", "skill_override": {"reason": "厂家工程师远程指导调试"}})
    assert approved.status == 200, approved.body
    assert approved.body["state"] == "in_repair"
    (override,) = events(approved.body, "skill_override")
    assert override["data"]["technician"] == four["username"]
    assert override["data"]["problems"][0]["job_class"] == "commissioning"


def test_a_plan_naming_commissioning_is_approved_once_reassigned_to_a_five_star_technician(api):
    with crew([4, 5]) as (four, five):
        order = take(api, order_for(api, located_customer(api)), four["username"],
                     ["dispatch", "contact"])
        order = take(api, order, five["username"], ["reassign", "contact", "check_in", "survey",
                                                    "submit_plan"], data=plan(["commissioning"]))
        approved = api.act(order, "approve_plan", "sz_manager", {"comment": "同意"})
    assert approved.status == 200, approved.body
    assert events(approved.body, "skill_override") == []


def test_a_plan_naming_commissioning_is_approved_handing_the_repair_to_a_five_star(api):
    """"Unless reassigned": the manager approves the plan and hands the repair to a technician
    who qualifies, in one action; the new lead is told, the old one taken off the order."""
    with crew([4, 4, 5]) as (four, other_four, five):
        order = take(api, order_for(api, located_customer(api)), four["username"], UP_TO_PLAN,
                     data=plan(["commissioning"]))
        # handed to someone who does not qualify either: refused naming them
        refused = api.act(order, "approve_plan", "sz_manager",
                          {"comment": "同意", "technician": other_four["username"]})
        assert refused.status == 409 and refused.error["code"] == "skill_insufficient"
        assert refused.error["details"]["technician"] == other_four["username"]
        for data, field in (({"technician": four["username"]}, "data.technician"),
                            ({"technician": "cd_tech1"}, "data.technician"),
                            ({"helpers": [five["username"]]}, "data.technician")):
            bad = api.act(order, "approve_plan", "sz_manager", {"comment": "同意", **data})
            assert bad.status == 400 and field in bad.error["fields"], (data, bad.body)
        # the picker's candidates are qualified for the plan's classes too while it waits
        listed = api.get(f"/api/work-orders/{order['id']}/dispatch-candidates", "sz_manager")
        assert listed.status == 200 and listed.body["plan_job_classes"] == ["commissioning"]
        qualified = {c["username"]: c["qualified"] for c in listed.body["items"]}
        assert qualified[five["username"]] is True and qualified[four["username"]] is False
        approved = api.act(order, "approve_plan", "sz_manager",
                           {"comment": "同意", "technician": five["username"]})
        assert approved.status == 200, approved.body
        assert approved.body["state"] == "in_repair"
        assert approved.body["technician"] == five["username"]
        assert events(approved.body, "skill_override") == []
        (step,) = events(approved.body, "approve_plan")
        assert step["data"]["technician"] == five["username"]
        told = [n for n in inbox(api, five["username"]) if n["order_id"] == order["id"]]
        assert [n["notice"] for n in told] == ["reassigned"]
        assert "方案已批准，改由你主修" in told[0]["body"]
        gone = [n["notice"] for n in inbox(api, four["username"]) if n["order_id"] == order["id"]]
        assert "unassigned" in gone and "plan_approved" not in gone
        (left,) = [n for n in inbox(api, four["username"]) if n["order_id"] == order["id"]
                   and n["notice"] == "unassigned"]
        assert f"改由 {five['name']} 主修：同意" in left["body"], left["body"]
        # the new lead completes the repair
        done = take(api, approved.body, five["username"], ["complete"])
        assert done["state"] == "repaired" and done["technician"] == five["username"]


def test_approval_checks_the_orders_class_too(api):
    with crew([2]) as (low,):
        order = order_for(api, located_customer(api), job_class="complex_fault")
        order = dispatch(api, order, low["username"],
                         skill_override={"reason": "先行勘查"}).body
        order = take(api, order, low["username"], UP_TO_PLAN[1:], data=plan(["general_repair"]))
        refused = api.act(order, "approve_plan", "sz_manager", {"comment": "同意"})
    assert refused.status == 409
    assert [p["job_class"] for p in refused.error["details"]["problems"]] == ["complex_fault"]


# ---------------------------------------------------------------- check 3: certificates

def test_an_electrical_plan_is_refused_after_the_electricians_licence_expired(api):
    with crew([4]) as (tech,), certificate(tech["username"], "electrician", "2023-11-01",
                                           "2026-10-31"):
        with frozen(APPROVAL_DAY):
            order = take(api, order_for(api, located_customer(api)), tech["username"],
                         UP_TO_PLAN, data=plan(["electrical"]))
            refused = api.act(order, "approve_plan", "sz_manager", {"comment": "同意"})
    assert refused.status == 409, refused.body
    assert refused.error["code"] == "certificate_missing"
    assert refused.error["details"] == {
        "technician": tech["username"], "job_class": "electrical", "certificate": "electrician",
        "expired_on": "2026-10-31",
        "problems": [{"code": "certificate_missing", "job_class": "electrical",
                      "certificate": "electrician", "expired_on": "2026-10-31"}]}
    assert refused.error["message"] == (f"{tech['name']} 没有有效的电工证（已于 2026-10-31 过期），"
                                        "电气改装 需要此证")


def test_the_licence_counts_through_its_last_day_and_not_a_day_longer(api):
    last_day = shanghai("2026-10-31T23:50:00")
    with crew([4]) as (tech,), certificate(tech["username"], "electrician", "2023-11-01",
                                           "2026-10-31"):
        with frozen(last_day):
            order = take(api, order_for(api, located_customer(api)), tech["username"],
                         UP_TO_PLAN, data=plan(["electrical"]))
            assert api.act(order, "approve_plan", "sz_manager", {}).status == 200
        with frozen(shanghai("2026-11-01T00:10:00")):
            order = take(api, order_for(api, located_customer(api)), tech["username"],
                         UP_TO_PLAN, data=plan(["electrical"]))
            assert api.act(order, "approve_plan", "sz_manager", {}).status == 409


def test_a_revoked_or_never_held_licence_is_missing_without_an_expiry_date(api):
    with crew([4, 4]) as (revoked, never), certificate(revoked["username"], "welder",
                                                       "2025-01-01", "2028-12-31") as cert:
        cert.revoked_at, cert.revoked_reason = kernel_keys.iso(kernel_keys.utc_now()), "吊销"
        cert.save()
        for person in (revoked, never):
            order = order_for(api, located_customer(api), job_class="welding")
            refused = dispatch(api, order, person["username"])
            assert refused.status == 409
            assert refused.error["details"]["certificate"] == "welder"
            assert refused.error["details"]["expired_on"] is None


def test_stars_and_certificates_are_both_named(api):
    with crew([1]) as (novice,):
        order = order_for(api, located_customer(api), job_class="electrical")
        refused = dispatch(api, order, novice["username"])
    assert refused.error["code"] == "skill_insufficient"
    assert [p["code"] for p in refused.error["details"]["problems"]] == [
        "skill_insufficient", "certificate_missing"]
    assert refused.error["message"].endswith("；另有 1 项不符")


# ---------------------------------------------------------------- the dispatch form

def test_the_dispatch_form_lists_the_qualified_technicians_first_with_the_others_reasons(api):
    with crew([2, 5, 4]) as (low, five, four):
        order = order_for(api, located_customer(api), job_class="major_assembly")
        reply = api.get(f"/api/work-orders/{order['id']}/dispatch-candidates", "sz_manager")
    assert reply.status == 200, reply.body
    assert reply.body["job_class"] == "major_assembly"
    items = reply.body["items"]
    flags = [i["qualified"] for i in items]
    assert flags == sorted(flags, reverse=True)  # every qualified one before every other
    by_name = {i["username"]: i for i in items}
    assert by_name[five["username"]]["qualified"] and by_name[four["username"]]["qualified"]
    assert by_name[five["username"]]["problems"] == []
    assert by_name[low["username"]]["qualified"] is False
    assert by_name[low["username"]]["problems"] == [
        {"code": "skill_insufficient", "job_class": "major_assembly", "needed": 4, "has": 2}]
    assert [i["rank"] for i in items] == list(range(1, len(items) + 1))
    assert not any(i["recommended"] for i in items if not i["qualified"])


def test_without_a_class_everyone_is_qualified(api):
    with crew([1]) as (novice,):
        order = order_for(api, located_customer(api))
        reply = api.get(f"/api/work-orders/{order['id']}/dispatch-candidates", "sz_manager")
    assert reply.body["job_class"] is None
    assert all(i["qualified"] and i["problems"] == [] for i in reply.body["items"])
    assert novice["username"] in {i["username"] for i in reply.body["items"]}


# ---------------------------------------------------------------- the job-class table

@contextmanager
def table_restored(api):
    """The table as it was (the defaults) after a test that edits it."""
    try:
        yield
    finally:
        now = api.get(TABLE, "hq_admin").body
        if now["settings"] != DEFAULT_SETTINGS:
            api.call("PUT", TABLE, "hq_admin", {"settings": DEFAULT_SETTINGS,
                                                "version": now["version"]})


def test_every_staff_member_reads_the_table_with_the_defaults(api):
    for user in ("sz_agent", "sz_tech1", "sz_manager", "hq_admin"):
        reply = api.get(TABLE, user)
        assert reply.status == 200, (user, reply.body)
    classes = {c["code"]: c for c in reply.body["settings"]["job_classes"]}
    assert classes["major_assembly"]["min_stars"] == 4
    assert classes["commissioning"]["min_stars"] == 5
    assert classes["electrical"]["certificates"] == ["electrician"]
    assert reply.body["settings"]["warn_days"] == 30


def test_head_office_changes_the_table_and_the_gate_follows_it(api):
    current = api.get(TABLE, "hq_admin").body
    settings = {**current["settings"], "job_classes": [
        {**c, "min_stars": 2} if c["code"] == "major_assembly" else c
        for c in current["settings"]["job_classes"]]}
    with table_restored(api), crew([2]) as (low,):
        saved = api.call("PUT", TABLE, "hq_admin", {"settings": settings,
                                                    "version": current["version"]})
        assert saved.status == 200, saved.body
        assert saved.body["version"] == current["version"] + 1
        assert api.get(TABLE, "sz_tech1").body == saved.body
        order = order_for(api, located_customer(api), job_class="major_assembly")
        assert dispatch(api, order, low["username"]).status == 200
        # every version kept: who saved which table, when
        versions = api.get(f"{TABLE}/versions", "hq_admin")
        assert versions.status == 200
        newest = versions.body["items"][0]
        assert (newest["version"], newest["by"], newest["settings"]) == (
            saved.body["version"], "hq_admin", settings)


def test_a_stale_save_is_409_and_changes_nothing(api):
    current = api.get(TABLE, "hq_admin").body
    with table_restored(api):
        first = api.call("PUT", TABLE, "hq_admin", {**current, "settings": {
            **current["settings"], "warn_days": 45}})
        assert first.status == 200
        stale = api.call("PUT", TABLE, "hq_admin", {**current, "settings": {
            **current["settings"], "warn_days": 60}})
        assert stale.status == 409 and stale.error["code"] == "stale_version"
        assert api.get(TABLE, "sz_manager").body["settings"]["warn_days"] == 45


def test_only_head_office_changes_the_table(api):
    current = api.get(TABLE, "sz_manager").body
    for user in ("sz_manager", "sz_agent", "sz_tech1"):
        assert api.call("PUT", TABLE, user, current).status == 403


def _with(settings: dict, index: int, **changes) -> dict:
    classes = [dict(c) for c in settings["job_classes"]]
    classes[index].update(changes)
    return {**settings, "job_classes": classes}


@pytest.mark.parametrize(("change", "field"), [
    (lambda s: _with(s, 2, min_stars=6), "settings.job_classes.2.min_stars"),
    (lambda s: _with(s, 2, min_stars=0), "settings.job_classes.2.min_stars"),
    (lambda s: _with(s, 1, code="simple_repair"), "settings.job_classes.1.code"),
    (lambda s: _with(s, 1, code="Bad-Code"), "settings.job_classes.1.code"),
    (lambda s: _with(s, 3, name_zh=""), "settings.job_classes.3.name_zh"),
    (lambda s: _with(s, 3, name_en="x" * 61), "settings.job_classes.3.name_en"),
    (lambda s: _with(s, 0, certificates=["electrician", "forklift"]),
     "settings.job_classes.0.certificates.1"),
    (lambda s: {**s, "warn_days": 181}, "settings.warn_days"),
    (lambda s: {**s, "certificate_types": [*s["certificate_types"], s["certificate_types"][0]]},
     "settings.certificate_types.4.code"),
])
def test_a_bad_table_is_400_naming_the_field(api, change, field):
    current = api.get(TABLE, "hq_admin").body
    refused = api.call("PUT", TABLE, "hq_admin", {"settings": change(DEFAULT_SETTINGS),
                                                  "version": current["version"]})
    assert refused.status == 400, refused.body
    assert field in refused.error["fields"], refused.error["fields"]
    assert api.get(TABLE, "hq_admin").body == current


def test_a_certificate_not_valid_yet_is_shown_so_and_does_not_count(api):
    """An 电工证 entered today but valid only from next month: the file says 未生效 (not
    "valid") and the gate refuses electrical work, consistently."""
    day = kernel_keys.utc_now().date()
    with crew([5]) as (tech,):
        username = tech["username"]
        with certificate(username, "electrician", (day + timedelta(days=40)).isoformat(),
                         (day + timedelta(days=800)).isoformat()):
            file = api.get(f"/api/technicians/{username}", "sz_manager").body
            assert [c["status"] for c in file["certificates"]] == ["not_yet_valid"]
            order = order_for(api, located_customer(api), job_class="electrical")
            refused = dispatch(api, order, username)
    assert refused.status == 409 and refused.error["code"] == "certificate_missing", refused.body


def test_an_override_where_nothing_is_lacking_leaves_no_reason_on_the_record(api):
    with crew([5]) as (good,):
        order = order_for(api, located_customer(api), job_class="major_assembly")
        done = dispatch(api, order, good["username"], skill_override={"reason": "以防万一"})
    assert done.status == 200, done.body
    (event,) = events(done.body, "dispatch")
    assert "skill_override" not in event["data"]
