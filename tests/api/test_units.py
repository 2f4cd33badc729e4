"""Units (产品档案): registered with the terms of their model's template, one serial number per
outlet, read on one page with the last covered day of each group and their service record,
searched by serial number, and extended by a promotion that is audited."""

from __future__ import annotations

import uuid
from urllib.parse import quote

import pytest

from chalicelib.modules.warranty.domain.terms import default_template
from tests.conftest import STEP_DATA, customer_of

HQ = "hq_admin"


def _serial(prefix: str = "4LZ6") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10].upper()}"


@pytest.fixture(scope="module")
def model(api) -> str:
    """A model of its own with the default terms (whatever the network's default becomes in
    other tests)."""
    name = f"联合收割机 4LZ-6 U{uuid.uuid4().hex[:6]}"
    body = {**default_template(), "version": None}
    body.pop("model")
    reply = api.call("PUT", f"/api/warranty/templates/models/{quote(name)}", HQ, body)
    assert reply.status == 200, reply.body
    return name


def _register(api, customer: dict, user: str = "sz_agent", **fields):
    return api.post(f"/api/customers/{customer['id']}/equipment", user, fields)


def _page(api, unit: dict, user: str = "sz_agent"):
    return api.get(f"/api/customers/{unit['customer_id']}/units/{unit['id']}", user)


def _harvester(api, model: str, **extra) -> dict:
    customer = customer_of(api, "SZ")
    reply = _register(api, customer, model=model, serial_no=_serial(),
                      site_id=customer["sites"][0]["id"], invoice_no="FP-2025-1201",
                      invoice_date="2025-11-28", delivered_on="2025-12-01", source="agent",
                      dealer="温江农机站", **extra)
    assert reply.status == 201, reply.body
    return reply.body


def test_registration_copies_the_terms_of_the_model_template(api, model):
    unit = _harvester(api, model)
    assert unit["outlet"] == "SZ" and unit["customer_name"] == "测试客户SZ"
    assert unit["site_name"] == "一号厂区" and unit["source"] == "agent"
    terms = unit["terms"]
    assert terms["model"] == model and terms["template_version"] == 1
    assert terms["start_basis"] == "delivery"
    assert [(g["code"], g["months"]) for g in terms["groups"]] == [
        ("whole", 12), ("major", 24), ("electrics", 3)]
    assert "变速箱壳体" in terms["groups"][1]["components"]
    assert "prices" not in terms  # a price list is the template's, not frozen on the unit
    page = _page(api, unit).body
    assert [(e["action"], e["actor"]["username"]) for e in page["events"]] == [
        ("register", "sz_agent")]
    assert page["events"][0]["data"]["serial_no"] == unit["serial_no"]
    # the customer's equipment list shows it
    detail = api.get(f"/api/customers/{unit['customer_id']}", "sz_agent").body
    assert unit["id"] in [e["id"] for e in detail["equipment"]]


def test_last_covered_day_of_each_group_from_the_delivery_date(api, model):
    unit = _harvester(api, model)
    page = _page(api, unit)
    assert page.status == 200, page.body
    view = page.body["terms_view"]
    assert view["start_basis"] == "delivery" and view["start"] == "2025-12-01"
    assert {g["code"]: g["last_day"] for g in view["groups"]} == {
        "electrics": "2026-02-28", "major": "2027-11-30", "whole": "2026-11-30"}
    assert page.body["contract"] is None and page.body["service_record"] == []


def test_a_unit_without_its_start_date_has_no_last_days(api, model):
    customer = customer_of(api, "SZ")
    unit = _register(api, customer, model=model, serial_no=_serial(),
                     installed_on="2025-12-01").body  # the basis is delivery: not recorded
    view = _page(api, unit).body["terms_view"]
    assert view["start"] is None and {g["last_day"] for g in view["groups"]} == {None}


def test_an_unknown_model_gets_the_network_default(api):
    customer = customer_of(api, "SZ")
    unit = _register(api, customer, model=f"无模板机型 {uuid.uuid4().hex[:6]}",
                     serial_no=_serial("X")).body
    default = api.get("/api/warranty/templates", "sz_agent").body["default"]
    assert unit["terms"]["model"] is None
    assert unit["terms"]["groups"] == default["groups"]
    assert unit["terms"]["template_version"] == default["version"]


def test_a_serial_is_registered_once_per_outlet(api, model):
    customer = customer_of(api, "SZ")
    serial = _serial()
    assert _register(api, customer, model=model, serial_no=serial).status == 201
    for same in (serial, f" {serial.lower()} "):  # spaces and case do not make another serial
        again = _register(api, customer, model=model, serial_no=same)
        assert again.status == 409 and again.error["code"] == "duplicate_serial"
        assert "serial_no" in again.error["fields"]
    # a new customer with the same unit is refused too, and nothing of it is written
    name = f"重复序列号客户 {uuid.uuid4().hex[:6]}"
    created = api.post("/api/customers", "sz_agent", {
        "name": name, "phone": "13811112222", "equipment": {"model": model, "serial_no": serial}})
    assert created.status == 409 and created.error["code"] == "duplicate_serial"
    assert "equipment.serial_no" in created.error["fields"]
    assert api.get(f"/api/customers?q={quote(name)}", "sz_agent").body["items"] == []
    # another outlet has its own serial numbers
    assert _register(api, customer_of(api, "CD"), "cd_agent", model=model,
                     serial_no=serial).status == 201


def test_a_new_customer_registers_its_first_unit_the_same_way(api, model):
    serial = _serial()
    created = api.post("/api/customers", "sz_agent", {
        "name": f"新农机客户 {uuid.uuid4().hex[:6]}", "phone": "13811113333",
        "site": {"name": "晒场"},
        "equipment": {"model": model, "serial_no": serial, "delivered_on": "2025-12-01"}})
    assert created.status == 201, created.body
    unit = created.body["equipment"][0]
    assert unit["site_id"] == created.body["sites"][0]["id"] and unit["site_name"] == "晒场"
    assert unit["terms"]["template_version"] == 1
    page = _page(api, unit).body
    assert page["events"][0]["action"] == "register"
    assert page["terms_view"]["groups"][2]["last_day"] == "2026-02-28"
    bad = api.post("/api/customers", "sz_agent", {
        "name": "未来客户", "phone": "13811114444",
        "equipment": {"model": model, "serial_no": _serial(), "delivered_on": "2099-01-01"}})
    assert bad.status == 400 and "equipment.delivered_on" in bad.error["fields"]


def test_registration_dates_and_fields_are_checked(api, model):
    customer = customer_of(api, "SZ")
    for fields, name in [({"delivered_on": "2099-12-01"}, "delivered_on"),
                         ({"invoice_date": "2026-02-30"}, "invoice_date"),
                         ({"installed_on": "01/12/2025"}, "installed_on"),
                         ({"source": "gift"}, "source"),
                         ({"serial_no": "   "}, "serial_no"),
                         ({"model": " "}, "model"),
                         ({"site_id": "site_unknown"}, "site_id"),
                         ({"colour": "red"}, "colour")]:
        body = {"model": model, "serial_no": _serial(), **fields}
        reply = _register(api, customer, **body)
        assert reply.status == 400 and name in reply.error["fields"], (fields, reply.body)


def test_who_may_register_and_read_units(api, model):
    unit = _harvester(api, model)
    customer = {"id": unit["customer_id"]}
    for user in ("sz_agent", "sz_manager", "sz_support", HQ):
        assert _page(api, unit, user).status == 200, user
    # another outlet's unit does not exist for them
    for user in ("cd_agent", "cd_manager", "cd_tech1"):
        reply = _page(api, unit, user)
        assert reply.status == 404 and reply.error["code"] == "not_found", user
        assert _register(api, customer, user, model=model, serial_no=_serial()).status == 404
    assert _page(api, unit, "sz_tech1").status == 403
    for user in ("sz_support", "sz_tech1", HQ):
        assert _register(api, customer, user, model=model, serial_no=_serial()).status == 403
    # a unit of another customer under this customer's path is not found
    other = customer_of(api, "CD")
    assert api.get(f"/api/customers/{other['id']}/units/{unit['id']}", HQ).status == 404


def test_units_are_found_by_serial_prefix_within_the_outlet(api, model):
    customer = customer_of(api, "SZ")
    prefix = f"SRCH{uuid.uuid4().hex[:6].upper()}"
    made = [_register(api, customer, model=model, serial_no=f"{prefix}-{n}").body
            for n in (1, 2, 3)]
    found = api.get(f"/api/units?q={prefix.lower()}", "sz_agent").body
    assert [u["id"] for u in found["items"]] == [u["id"] for u in made]
    first = api.get(f"/api/units?q={prefix}&limit=2", "sz_support").body
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = api.get(f"/api/units?q={prefix}&limit=2&cursor={first['next_cursor']}", "sz_support")
    assert [u["id"] for u in rest.body["items"]] == [made[2]["id"]]
    assert api.get(f"/api/units?q={prefix}", "cd_agent").body["items"] == []
    assert api.get(f"/api/units?q={prefix}&outlet=SZ", "cd_agent").status == 404
    assert api.get(f"/api/units?q={prefix}", HQ).status == 400  # head office names the outlet
    assert len(api.get(f"/api/units?q={prefix}&outlet=SZ", HQ).body["items"]) == 3
    assert api.get(f"/api/units?q={prefix}", "sz_tech1").status == 403


def test_a_promotion_extends_terms_with_a_reason_and_is_audited(api, model):
    unit = _harvester(api, model)
    path = f"/api/customers/{unit['customer_id']}/units/{unit['id']}/terms"
    body = {"version": unit["version"], "groups": [{"code": "whole", "months": 24}],
            "reason": "2025 秋季促销：整机三包延长至两年"}
    assert api.post(path, "sz_agent", body).status == 403
    assert api.post(path, "cd_manager", body).status == 404
    assert _page(api, unit, "sz_agent").body["can_change_terms"] is False
    assert _page(api, unit, "sz_manager").body["can_change_terms"] is True
    for bad, field in [({"reason": "  "}, "reason"),
                       ({"groups": [{"code": "whole", "months": 6}]}, "groups.0.months"),
                       ({"groups": [{"code": "gearbox", "months": 36}]}, "groups.0.code"),
                       ({"groups": [{"code": "whole", "months": 12}]}, "groups"),
                       ({"groups": [{"code": "whole", "months": 24, "name": "x"}]},
                        "groups.0.name")]:
        reply = api.post(path, "sz_manager", {**body, **bad})
        assert reply.status == 400 and field in reply.error["fields"], (bad, reply.body)

    changed = api.post(path, "sz_manager", body)
    assert changed.status == 200, changed.body
    assert changed.body["version"] == unit["version"] + 1
    assert {g["code"]: g["last_day"] for g in changed.body["terms_view"]["groups"]}["whole"] == \
        "2027-11-30"
    event = changed.body["events"][-1]
    assert event["action"] == "change_terms" and event["actor"]["username"] == "sz_manager"
    assert event["data"]["reason"] == body["reason"]
    assert {g["code"]: g["months"] for g in event["data"]["before"]}["whole"] == 12
    assert {g["code"]: g["months"] for g in event["data"]["after"]}["whole"] == 24
    # the page says the same afterwards; the version seen before is stale now
    assert _page(api, unit).body["terms"]["groups"][0]["months"] == 24
    stale = api.post(path, HQ, {**body, "groups": [{"code": "major", "months": 36}]})
    assert stale.status == 409 and stale.error["code"] == "stale_version"
    again = api.post(path, HQ, {**body, "version": changed.body["version"],
                                "groups": [{"code": "major", "months": 36}]})
    assert again.status == 200 and [e["action"] for e in again.body["events"]] == [
        "register", "change_terms", "change_terms"]


def test_the_unit_page_shows_its_service_record_after_acceptance(api, model, walk):
    unit = _harvester(api, model)
    customer = customer_of(api, "SZ")
    order = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
        "equipment_id": unit["id"], "type": "repair", "priority": "general", "channel": "phone",
        "description": "收割机割台异响"}).body
    accepted = walk(order, ["dispatch", "contact", "check_in", "survey", "submit_plan",
                            "approve_plan", "complete", "accept"])
    page = _page(api, unit).body
    assert len(page["service_record"]) == 1
    line = page["service_record"][0]
    assert line["order_id"] == accepted["id"] and line["order_number"] == accepted["number"]
    assert line["fault_cause"] == STEP_DATA["complete"]["fault_cause"]
    assert line["solution"] == STEP_DATA["complete"]["solution"]
    assert "接触器 CJX2-25" in line["parts"]
    assert line["technician"] == "sz_tech1" and line["technician_name"]
    assert line["accepted_at"][:10] == accepted["events"][-1]["at"][:10]


def test_units_registered_before_terms_are_indexed_by_the_script(api):
    """scripts/reindex_units.py: a unit written by the customer archive before issue 13 (no
    terms, no serial index, no names) becomes searchable, holds its serial, and its page shows
    it without terms."""
    from chalicelib.kernel.store import keys
    from chalicelib.modules.customers.models import Customer
    from chalicelib.modules.warranty.models import Equipment
    from scripts.reindex_units import reindex_customer

    customer = customer_of(api, "SZ")
    serial = _serial("OLD")
    old = Equipment(keys.customer_pk(customer["id"]), f"EQUIP#eq_old{uuid.uuid4().hex[:8]}",
                    id="", customer_id=customer["id"], outlet="SZ", model="冷水机组 LS-500",
                    serial_no=serial, site_id=customer["sites"][0]["id"],
                    warranty_until="2026-06-30")
    old.id = old.sk.split("#", 1)[1]
    old.save()
    assert api.get(f"/api/units?q={serial}", "sz_agent").body["items"] == []
    page = _page(api, {"customer_id": customer["id"], "id": old.id}).body
    assert page["customer_name"] == "测试客户SZ" and page["terms_view"] is None  # read aside

    duplicates: list[str] = []
    item = Customer.get(keys.customer_pk(customer["id"]), "CUSTOMER")
    assert reindex_customer(item, duplicates) >= 1 and duplicates == []
    found = api.get(f"/api/units?q={serial}", "sz_agent").body["items"]
    assert [(u["id"], u["customer_name"], u["site_name"], u["terms"]) for u in found] == [
        (old.id, "测试客户SZ", "一号厂区", None)]
    assert found[0]["warranty_until"] == "2026-06-30"
    again = _register(api, customer, model="冷水机组 LS-500", serial_no=serial)
    assert again.status == 409 and again.error["code"] == "duplicate_serial"
    assert reindex_customer(item, duplicates) == 0  # a second run changes nothing
    promotion = api.post(f"/api/customers/{customer['id']}/units/{old.id}/terms", "sz_manager",
                         {"version": 1, "groups": [{"code": "whole", "months": 24}],
                          "reason": "促销"})
    assert promotion.status == 409 and promotion.error["code"] == "unit_has_no_terms"


def test_one_of_simultaneous_registrations_of_a_serial_wins(api, model):
    from tests.conftest import race

    customer = customer_of(api, "SZ")
    serial = _serial("RACE")
    replies = race(4, lambda: _register(api, customer, model=model, serial_no=serial))
    assert sorted(r.status for r in replies) == [201, 409, 409, 409]
    assert {r.error["code"] for r in replies if r.status == 409} == {"duplicate_serial"}
    found = api.get(f"/api/units?q={serial}", "sz_agent").body["items"]
    assert len(found) == 1
