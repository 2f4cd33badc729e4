"""The coverage decision through the API (issue 13, checks 1, 2 and 6): intake with failed
components on a unit with terms, the explanation in the reader's language, an exclusion with
its evidence and its removal by a manager only (both on the timeline), a manager's override,
the intake form's preview, the service record after acceptance and the 30-day repeat rule the
key figures share."""

from __future__ import annotations

import itertools
import uuid
from datetime import timedelta

import pytest

from chalicelib.modules.figures import kpi
from chalicelib.modules.warranty.domain.terms import default_template
from tests.conftest import HAPPY_PATH, upload, walk_at
from tests.sla_helpers import frozen, shanghai

MODEL = f"4LZ-6 覆盖测试 {uuid.uuid4().hex[:6]}"  # this module's own template: default terms
INTAKE_DAY = shanghai("2026-04-01 09:00")
_serials = itertools.count(1)


@pytest.fixture(scope="module")
def customer(api):
    template = {k: v for k, v in default_template().items() if k != "model"}
    saved = api.call("PUT", f"/api/warranty/templates/models/{MODEL}", "hq_admin",
                     {**template, "version": None})
    assert saved.status == 200, saved.body
    reply = api.post("/api/customers", "sz_agent", {
        "name": "覆盖测试农场", "phone": "13700001313", "address": "宿州市测试路 13 号",
        "site": {"name": "一号场院", "address": "宿州市测试路 13 号"}})
    assert reply.status == 201, reply.body
    return reply.body


def _unit(api, customer, **fields) -> dict:
    body = {"model": MODEL, "serial_no": f"COV-{uuid.uuid4().hex[:8]}-{next(_serials)}",
            "delivered_on": "2025-12-01", **fields}
    body = {k: v for k, v in body.items() if v is not None}
    reply = api.post(f"/api/customers/{customer['id']}/equipment", "sz_agent", body)
    assert reply.status == 201, reply.body
    return reply.body


def _order(api, customer, unit, at=INTAKE_DAY, user="sz_agent", lang="zh-CN", **fields):
    with frozen(at):
        reply = api.post("/api/work-orders", user, {
            "customer_id": customer["id"], "equipment_id": unit["id"], "type": "repair",
            "priority": "general", "channel": "phone", "description": "收割机故障", **fields},
            headers={"Accept-Language": lang})
    assert reply.status == 201, reply.body
    return reply.body


def _failed(*components, day="2026-04-01") -> list[dict]:
    return [{"component": c, "failure_date": day} for c in components]


def _lines(order) -> list[tuple]:
    return [(line["component"], line["result"], line["reason"], line["last_day"])
            for line in order["coverage_decision"]["lines"]]


def test_intake_decides_each_failed_component_from_the_units_terms(api, customer):
    unit = _unit(api, customer)
    order = _order(api, customer, unit, components=_failed("启动机", "变速箱壳体", "割台"))
    assert _lines(order) == [("启动机", "paid", "out_of_term", "2026-02-28"),
                             ("变速箱壳体", "warranty", "in_term", "2027-11-30"),
                             ("割台", "warranty", "in_term", "2026-11-30")]
    assert order["coverage"] == "mixed"
    starter, _housing, header = order["coverage_decision"]["lines"]
    assert starter["explanation"] == ("启动机: 三包期 3 个月, 自交付 2025-12-01 起, "
                                      "最后保修日 2026-02-28; 故障日 2026-04-01 → 有偿")
    assert header["group_code"] == "whole" and "割台 (整机): 三包期 12 个月" in header["explanation"]
    created = order["events"][0]
    assert created["action"] == "create"
    assert created["data"]["components"] == _failed("启动机", "变速箱壳体", "割台")
    assert created["data"]["coverage_decision"]["coverage"] == "mixed"
    english = api.get(f"/api/work-orders/{order['id']}", "sz_agent",
                      headers={"Accept-Language": "en"}).body
    assert english["coverage_decision"]["lines"][0]["explanation"] == (
        "启动机: 3-month term from delivery on 2025-12-01, last covered day 2026-02-28; "
        "failed 2026-04-01 → Paid")


def test_the_last_covered_day_of_the_starter_is_covered(api, customer):
    unit = _unit(api, customer)
    covered = _order(api, customer, unit, components=_failed("启动机", day="2026-02-28"))
    assert (covered["coverage"], _lines(covered)[0][1]) == ("warranty", "warranty")
    late = _order(api, customer, unit, components=_failed("启动机", day="2026-03-01"))
    assert (late["coverage"], _lines(late)[0][1]) == ("paid", "paid")


def test_without_components_the_whole_machine_is_decided_on_the_fault_day(api, customer):
    unit = _unit(api, customer)
    order = _order(api, customer, unit, fault_started_at="2026-03-31T17:00:00Z")  # 04-01 in SZ
    assert _lines(order) == [(None, "warranty", "in_term", "2026-11-30")]
    assert order["coverage_decision"]["lines"][0]["failure_date"] == "2026-04-01"
    assert order["coverage_decision"]["lines"][0]["explanation"].startswith("整机: 三包期 12 个月")


def test_a_unit_without_its_start_date_decides_unknown(api, customer):
    undated = _unit(api, customer, delivered_on=None)
    order = _order(api, customer, undated, components=_failed("启动机"))
    assert _lines(order) == [("启动机", "unknown", "no_start_date", None)]
    assert order["coverage"] == "unknown"
    assert "未登记交付日期" in order["coverage_decision"]["lines"][0]["explanation"]
    whole = _order(api, customer, undated, coverage="paid")
    assert whole["coverage"] == "unknown"  # the decision, not the hand-picked value


def test_intake_refuses_a_future_failure_and_components_without_a_unit(api, customer):
    unit = _unit(api, customer)
    with frozen(INTAKE_DAY):
        future = api.post("/api/work-orders", "sz_agent", {
            "customer_id": customer["id"], "equipment_id": unit["id"], "type": "repair",
            "priority": "general", "channel": "phone", "description": "x",
            "components": _failed("启动机", day="2026-04-02")})
        assert future.status == 400 and "components.0.failure_date" in future.error["fields"]
        unitless = api.post("/api/work-orders", "sz_agent", {
            "customer_id": customer["id"], "type": "repair", "priority": "general",
            "channel": "phone", "description": "x", "components": _failed("启动机")})
        assert unitless.status == 400 and "equipment_id" in unitless.error["fields"]


def test_an_exclusion_with_evidence_turns_in_term_lines_paid_and_only_a_manager_removes_it(
        api, customer):
    unit = _unit(api, customer)
    order = _order(api, customer, unit, components=_failed("变速箱壳体", "割台"))
    assert order["coverage"] == "warranty"
    bogus = api.act(order, "record_exclusion", "sz_agent",
                    {"exclusion": "no_invoice", "attachment_id": "att_nothing"})
    assert bogus.status == 400 and "data.attachment_id" in bogus.error["fields"]
    photo = upload(api, order, "sz_agent", category="fault")  # a received order takes evidence
    order = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    recorded = api.act(order, "record_exclusion", "sz_agent",
                       {"exclusion": "no_invoice", "note": "客户无发票", "attachment_id": photo["id"]})
    assert recorded.status == 200, recorded.body
    order = recorded.body
    assert order["coverage"] == "paid"
    assert [(c, r, why) for c, r, why, _ in _lines(order)] == [
        ("变速箱壳体", "paid", "excluded"), ("割台", "paid", "excluded")]
    exclusion = order["coverage_decision"]["exclusions"][0]
    assert (exclusion["key"], exclusion["attachment_id"], exclusion["by"]) == \
        ("no_invoice", photo["id"], "sz_agent")
    explanation = order["coverage_decision"]["lines"][0]["explanation"]
    assert "不属三包范围: 无三包凭证及有效发票 → 有偿" in explanation
    again = api.act(order, "record_exclusion", "sz_agent",
                    {"exclusion": "no_invoice", "attachment_id": photo["id"]})
    assert again.status == 409 and again.error["code"] == "exclusion_recorded"

    removal = {"exclusion": "no_invoice", "reason": "客户补交发票"}
    assert api.act(order, "remove_exclusion", "sz_agent", removal).status == 403
    removed = api.act(order, "remove_exclusion", "sz_manager", removal)
    assert removed.status == 200, removed.body
    order = removed.body
    assert order["coverage"] == "warranty" and order["coverage_decision"]["exclusions"] == []
    missing = api.act(order, "remove_exclusion", "sz_manager", removal)
    assert missing.status == 409 and missing.error["code"] == "exclusion_not_recorded"
    timeline = [(e["action"], e["actor"]["username"]) for e in order["events"]]
    assert ("record_exclusion", "sz_agent") in timeline
    assert ("remove_exclusion", "sz_manager") in timeline
    recorded_event = next(e for e in order["events"] if e["action"] == "record_exclusion")
    assert recorded_event["data"]["coverage_decision"]["coverage"] == "paid"
    assert recorded_event["data"]["attachment_id"] == photo["id"]


def test_a_manager_overrides_a_line_and_the_components_can_change(api, customer):
    unit = _unit(api, customer)
    order = _order(api, customer, unit, components=_failed("启动机", "变速箱壳体"))
    override = {"line": 0, "result": "warranty", "reason": "老客户优惠"}
    assert api.act(order, "override_coverage", "sz_agent", override).status == 403
    out_of_range = api.act(order, "override_coverage", "sz_manager", {**override, "line": 5})
    assert out_of_range.status == 400 and "data.line" in out_of_range.error["fields"]
    changed = api.act(order, "override_coverage", "sz_manager", override)
    assert changed.status == 200, changed.body
    order = changed.body
    starter = order["coverage_decision"]["lines"][0]
    assert (starter["result"], starter["reason"], starter["rule"]["result"]) == \
        ("warranty", "override", "paid")
    assert order["coverage"] == "warranty"
    assert "人工改判 → 保修(免费): 老客户优惠" in starter["explanation"]

    components = api.act(order, "set_components", "sz_agent",
                         {"components": _failed("发电机", day="2026-02-27")})
    assert components.status == 200, components.body
    assert _lines(components.body) == [("发电机", "warranty", "in_term", "2026-02-28")]
    assert api.act(components.body, "set_components", "sz_support",
                   {"components": []}).status == 403


def test_the_preview_shows_what_intake_will_decide(api, customer):
    unit = _unit(api, customer)
    body = {"customer_id": customer["id"], "equipment_id": unit["id"],
            "components": _failed("启动机", "变速箱壳体")}
    with frozen(INTAKE_DAY):
        reply = api.post("/api/warranty/coverage-preview", "sz_agent", body,
                         headers={"Accept-Language": "en"})
        assert reply.status == 200, reply.body
        assert [(line["result"], line["last_day"]) for line in reply.body["lines"]] == [
            ("paid", "2026-02-28"), ("warranty", "2027-11-30")]
        assert reply.body["coverage"] == "mixed"
        assert reply.body["lines"][0]["explanation"].endswith("failed 2026-04-01 → Paid")
        assert api.post("/api/warranty/coverage-preview", "cd_agent", body).status == 404
        assert api.post("/api/warranty/coverage-preview", "sz_tech1", body).status == 403
        bad = api.post("/api/warranty/coverage-preview", "sz_agent",
                       {**body, "components": _failed("启动机", day="2026-13-01")})
        assert bad.status == 400 and "components.0.failure_date" in bad.error["fields"]


def test_acceptance_writes_the_service_record_and_a_repeat_within_30_days_is_free(api, customer):
    unit = _unit(api, customer)
    first = _order(api, customer, unit, components=_failed("启动机", day="2026-02-20"))
    assert first["coverage"] == "warranty"  # a paid order would wait for its quote
    accepted, at = walk_at(api, first, INTAKE_DAY, HAPPY_PATH[:8])
    page = api.get(f"/api/customers/{customer['id']}/units/{unit['id']}", "sz_agent").body
    [record] = page["service_record"]
    assert record["order_number"] == accepted["number"]
    assert record["components"] == ["启动机"]
    assert (record["fault_cause"], record["solution"]) == ("接触器烧蚀", "更换接触器")
    assert "接触器 CJX2-25" in record["parts"]
    assert record["technician_name"] == "张伟"
    assert record["accepted_at"] == accepted["acceptance"]["at"]

    accepted_day = at.astimezone(shanghai("2026-01-01 00:00").tzinfo).date()
    day_30 = (accepted_day + timedelta(days=30)).isoformat()
    day_31 = (accepted_day + timedelta(days=31)).isoformat()
    later = at + timedelta(days=40)
    repeat = _order(api, customer, unit, at=later, components=_failed("启动机", day=day_30))
    assert _lines(repeat)[0][1:3] == ("warranty", "repair_warranty")
    assert repeat["coverage_decision"]["lines"][0]["repeat_of"]["order_number"] == accepted["number"]
    assert accepted["number"] in repeat["coverage_decision"]["lines"][0]["explanation"]
    too_late = _order(api, customer, unit, at=later, components=_failed("启动机", day=day_31))
    assert _lines(too_late)[0][1:3] == ("paid", "out_of_term")
    other_part = _order(api, customer, unit, at=at + timedelta(days=2),
                        components=_failed("发电机", day="2026-04-02"))
    assert other_part["coverage_decision"]["lines"][0]["repeat_of"] is None

    # the key figures count the same repeat repairs (the decision's rule)
    month = later.astimezone(shanghai("2026-01-01 00:00").tzinfo).strftime("%Y-%m")
    kpi.rebuild("SZ", month)
    kpi.rebuild("SZ", (at + timedelta(days=2)).astimezone(
        shanghai("2026-01-01 00:00").tzinfo).strftime("%Y-%m"))
    repeats = set()
    for m in {month, (at + timedelta(days=2)).astimezone(
            shanghai("2026-01-01 00:00").tzinfo).strftime("%Y-%m")}:
        reply = api.get(f"/api/kpi/orders?scope=SZ&month={m}&metric=repeat", "sz_manager")
        assert reply.status == 200, reply.body
        repeats |= {i["number"] for i in reply.body["items"]}
    assert repeat["number"] in repeats
    assert too_late["number"] not in repeats
    assert other_part["number"] not in repeats  # same unit within 30 days, another component


def test_only_the_exclusions_the_units_terms_name_can_be_recorded(api, customer):
    # a model whose terms know only misuse: "no invoice" does not apply to its units
    model = f"{MODEL} 仅限使用不当"
    template = {k: v for k, v in default_template().items() if k != "model"}
    saved = api.call("PUT", f"/api/warranty/templates/models/{model}", "hq_admin",
                     {**template, "exclusions": ["misuse"], "version": None})
    assert saved.status == 200, saved.body
    unit = _unit(api, customer, model=model)
    order = _order(api, customer, unit, components=_failed("割台"))
    assert order["coverage_decision"]["exclusions_offered"] == ["misuse"]  # the page's choices
    photo = upload(api, order, "sz_agent", category="fault")
    order = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    refused = api.act(order, "record_exclusion", "sz_agent",
                      {"exclusion": "no_invoice", "attachment_id": photo["id"]})
    assert refused.status == 400 and "data.exclusion" in refused.error["fields"], refused.body
    current = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    assert current["version"] == order["version"]  # nothing written
    recorded = api.act(order, "record_exclusion", "sz_agent",
                       {"exclusion": "misuse", "attachment_id": photo["id"]})
    assert recorded.status == 200 and recorded.body["coverage"] == "paid", recorded.body
