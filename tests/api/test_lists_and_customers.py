"""Lists by index with filters and cursors; customer lookup during intake; the OpenAPI document."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import boto3

from tests.conftest import STEP_DATA, customer_of, new_customer


def _ids(reply) -> list[str]:
    return [o["id"] for o in reply.body["items"]]


def test_list_is_newest_first_and_pages_by_cursor_without_gaps_or_repeats(api, new_order):
    made = [new_order() for _ in range(5)]
    ids = [o["id"] for o in made]
    listed, cursor = [], None
    for _ in range(200):  # pages of 2 until the five are all seen
        path = "/api/work-orders?outlet=SZ&limit=2" + (f"&cursor={cursor}" if cursor else "")
        reply = api.get(path, "sz_manager")
        assert reply.status == 200 and len(reply.body["items"]) <= 2
        listed += reply.body["items"]
        cursor = reply.body["next_cursor"]
        if not cursor or set(ids) <= {o["id"] for o in listed}:
            break
    seen = [o["id"] for o in listed]
    assert len(seen) == len(set(seen))  # no repeats across pages
    # the five together, newest first; before them only orders dated later (another test's
    # order created at a moment after today's)
    first = seen.index(ids[-1])
    assert seen[first:first + 5] == list(reversed(ids))
    assert all(o["created_at"] >= made[-1]["created_at"] for o in listed[:first])


def test_filter_by_state_priority_and_technician(api, new_order, walk):
    urgent = walk(new_order(priority="urgent"), ["dispatch"])
    general = new_order(priority="general")
    by_state = _ids(api.get("/api/work-orders?outlet=SZ&state=dispatched&limit=100", "sz_manager"))
    assert urgent["id"] in by_state and general["id"] not in by_state
    by_priority = api.get("/api/work-orders?outlet=SZ&priority=urgent&limit=100", "sz_manager")
    assert all(o["priority"] == "urgent" for o in by_priority.body["items"])
    by_tech = _ids(api.get("/api/work-orders?technician=sz_tech1&limit=100", "sz_manager"))
    assert urgent["id"] in by_tech and general["id"] not in by_tech


def test_filter_by_creation_date_in_the_outlet_time_zone(api, new_order):
    order = new_order()
    today = datetime.now(timezone(timedelta(hours=8))).date()
    inside = _ids(api.get(f"/api/work-orders?outlet=SZ&from={today}&to={today}&limit=100",
                          "sz_manager"))
    assert order["id"] in inside
    before = today - timedelta(days=3)
    outside = _ids(api.get(f"/api/work-orders?outlet=SZ&to={before}&limit=100", "sz_manager"))
    assert order["id"] not in outside
    bad = api.get("/api/work-orders?outlet=SZ&from=23/11/2026", "sz_manager")
    assert bad.status == 400 and "from" in bad.error["fields"]


def test_technician_my_jobs_lists_open_assignments_only(api, new_order, walk):
    open_job = walk(new_order(), ["dispatch"])
    cancelled = walk(new_order(), ["dispatch", "cancel"])
    mine = _ids(api.get("/api/work-orders?mine=1&limit=100", "sz_tech1"))
    assert open_job["id"] in mine and cancelled["id"] not in mine


def test_find_by_number_and_by_customer_and_equipment(api, new_order):
    order = new_order()
    by_number = api.get(f"/api/work-orders?number={order['number']}", "sz_agent").body["items"]
    assert [o["id"] for o in by_number] == [order["id"]]
    assert api.get(f"/api/work-orders/by-number/{order['number']}", "sz_agent").body["id"] == order["id"]
    assert api.get(f"/api/work-orders?number={order['number']}", "cd_agent").body["items"] == []
    customer = customer_of(api, "SZ")
    assert order["id"] in _ids(api.get(f"/api/work-orders?customer={customer['id']}&limit=100",
                                       "sz_agent"))
    equipment = customer["equipment"][0]["id"]
    assert order["id"] in _ids(api.get(f"/api/work-orders?equipment={equipment}&limit=100",
                                       "sz_agent"))


def test_bad_list_parameters_are_400(api):
    for query, field in [("limit=0", "limit"), ("limit=abc", "limit"), ("state=lost", "state"),
                         ("priority=high", "priority"), ("cursor=%%%", "cursor"),
                         ("colour=red", "colour")]:
        reply = api.get(f"/api/work-orders?outlet=SZ&{query}", "sz_manager")
        assert reply.status == 400 and field in reply.error["fields"], (query, reply.body)


def test_customer_lookup_by_name_prefix_or_phone_prefix(api):
    made = api.post("/api/customers", "sz_agent", {
        "name": "星河 电子有限公司", "phone": "0755-2233 4455".replace(" ", ""),
        "site": {"name": "龙华工厂", "lat": 22.65, "lng": 114.02, "distance_km": 18.5},
        "equipment": {"model": "精密空调 CRAC-80", "serial_no": "XH-001",
                      "installed_on": "2025-06-01"}}).body
    assert made["sites"][0]["distance_km"] == 18.5
    assert made["equipment"][0]["site_id"] == made["sites"][0]["id"]
    by_name = api.get("/api/customers?q=星河电子", "sz_agent").body["items"]
    assert made["id"] in [c["id"] for c in by_name]
    by_phone = api.get("/api/customers?q=07552233", "sz_agent").body["items"]
    assert made["id"] in [c["id"] for c in by_phone]
    # another outlet cannot find it
    assert made["id"] not in [c["id"] for c in api.get("/api/customers?q=星河",
                                                       "cd_agent").body["items"]]
    detail = api.get(f"/api/customers/{made['id']}", "sz_support").body
    assert detail["name"] == "星河 电子有限公司" and len(detail["equipment"]) == 1


def test_adding_sites_and_equipment_to_a_customer(api):
    customer = customer_of(api, "SZ")
    site = api.post(f"/api/customers/{customer['id']}/sites", "sz_agent",
                    {"name": "三号仓库", "address": "宝安区"})
    assert site.status == 201
    unit = api.post(f"/api/customers/{customer['id']}/equipment", "sz_agent",
                    {"model": "门禁控制器 AC-4000", "serial_no": "AC-9", "site_id": site.body["id"]})
    assert unit.status == 201 and unit.body["site_id"] == site.body["id"]
    bad = api.post(f"/api/customers/{customer['id']}/equipment", "sz_agent",
                   {"model": "X", "serial_no": "Y", "site_id": "site_unknown"})
    assert bad.status == 400 and "site_id" in bad.error["fields"]


def test_intake_refuses_a_site_of_another_customer(api):
    mine = customer_of(api, "SZ")
    other = api.post("/api/customers", "sz_agent", {"name": "另一客户", "phone": "13700000009",
                                                    "site": {"name": "别处"}}).body
    reply = api.post("/api/work-orders", "sz_agent", {
        "customer_id": mine["id"], "site_id": other["sites"][0]["id"], "type": "repair",
        "priority": "general", "channel": "phone", "description": "x"})
    assert reply.status == 400 and "site_id" in reply.error["fields"]


def test_bad_customer_input_names_the_fields(api):
    reply = api.post("/api/customers", "sz_agent", {"name": "", "phone": "call me"})
    assert reply.status == 400 and set(reply.error["fields"]) == {"name", "phone"}


def test_openapi_document_is_served_and_describes_the_action_schemas(api):
    reply = api.get("/api/openapi.json")
    assert reply.status == 200 and reply.body["openapi"].startswith("3.1")
    action = reply.body["paths"]["/api/work-orders/{order_id}/actions/{action}"]["post"]
    assert action["x-action-data-schemas"]["dispatch"]["required"] == ["technician"]
    assert "409" in action["responses"] and "403" in action["responses"]


def test_lifecycle_table_is_served(api):
    body = api.get("/api/lifecycle", "sz_tech1").body
    assert "on_hold" in body["states"]
    dispatch = next(a for a in body["actions"] if a["name"] == "dispatch")
    assert dispatch["roles"] == ["manager"] and dispatch["to"] == "dispatched"


def test_staff_of_an_outlet_by_role(api):
    techs = api.get("/api/staff?role=technician", "sz_manager").body["items"]
    assert {t["username"] for t in techs} == {"sz_tech1", "sz_tech2", "sz_tech3"}
    assert techs[0]["star_level"] in (2, 3, 4)
    assert api.get("/api/staff?role=wizard", "sz_manager").status == 400


def test_outlets_visible_to_each_user(api):
    assert [o["code"] for o in api.get("/api/outlets", "sz_agent").body["items"]] == ["SZ"]
    assert {o["code"] for o in api.get("/api/outlets", "hq_admin").body["items"]} == {"SZ", "CD", "HQ"}


def test_health_needs_no_token(api):
    assert api.get("/api/health").body["status"] == "ok"


def test_cancel_step_data_is_kept_on_the_timeline(api, new_order):
    order = new_order()
    reply = api.act(order, "cancel", "sz_agent", STEP_DATA["cancel"])
    data = reply.body["events"][-1]["data"]
    assert data["reason"] == "客户取消" and data["clocks"] == ["response"]  # stopped with it


def test_customer_changes_are_on_its_audit_trail(api):
    made = api.post("/api/customers", "sz_agent", {"name": "审计客户", "phone": "13900001111"}).body
    assert [(e["action"], e["actor"]["username"]) for e in made["events"]] == [("create", "sz_agent")]
    site = api.post(f"/api/customers/{made['id']}/sites", "sz_manager", {"name": "新厂区"}).body
    api.post(f"/api/customers/{made['id']}/equipment", "sz_agent",
             {"model": "M-1", "serial_no": "S-1", "site_id": site["id"]})
    detail = api.get(f"/api/customers/{made['id']}", "sz_agent").body
    assert [(e["action"], e["actor"]["name"]) for e in detail["events"]] == [
        ("create", "李娜"), ("add_site", "王强"), ("add_equipment", "李娜")]
    assert detail["events"][1]["data"]["site_id"] == site["id"]


def test_a_customers_and_a_units_orders_are_read_by_key_and_filtered_as_before(api, new_order,
                                                                              walk, stack):
    """orders4 and orders5 carry keys only (an action no longer rewrites them): the customer's
    and the unit's lists read those orders by key and still filter, page and stay newest first."""
    customer = new_customer(api, "键读客户", "13512340019", "T-SZ-KEYS-01")
    own = {"customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
           "equipment_id": customer["equipment"][0]["id"]}
    first = new_order(**own, priority="urgent")
    second = walk(new_order(**own), ["dispatch"])
    third = new_order(**own)
    base = f"/api/work-orders?customer={customer['id']}"
    unit = f"/api/work-orders?equipment={own['equipment_id']}"
    for path in (base, unit):
        assert _ids(api.get(f"{path}&limit=100", "sz_agent")) == [third["id"], second["id"],
                                                                  first["id"]]
        assert _ids(api.get(f"{path}&state=dispatched", "sz_agent")) == [second["id"]]
        assert _ids(api.get(f"{path}&technician=sz_tech1", "sz_agent")) == [second["id"]]
        assert _ids(api.get(f"{path}&priority=urgent", "sz_agent")) == [first["id"]]
        # pages of one: each page its own order, the cursor on to the next, none twice
        seen, cursor = [], None
        for _ in range(4):
            page = api.get(f"{path}&limit=1" + (f"&cursor={cursor}" if cursor else ""), "sz_agent")
            seen += _ids(page)
            cursor = page.body["next_cursor"]
            if not cursor:
                break
        assert seen == [third["id"], second["id"], first["id"]]
    # another outlet's staff read nothing of it
    assert _ids(api.get(f"{base}&limit=100", "cd_agent")) == []
    # the index entries are the keys (and the kind) only
    client = boto3.client("dynamodb", endpoint_url=stack["AWS_ENDPOINT_URL"],
                          region_name=stack["AWS_REGION"])
    for index, key in (("orders4", "o4pk"), ("orders5", "o5pk")):
        table = stack["FUWU_TABLE"]
        entries = client.query(
            TableName=table, IndexName=index, KeyConditionExpression="#k = :v",
            ExpressionAttributeNames={"#k": key},
            ExpressionAttributeValues={":v": {"S": _partition(client, table, first["id"], key)}},
        )["Items"]
        assert len(entries) == 3
        assert {name for e in entries for name in e} == {
            "pk", "sk", key, "osk", "kind"}


def _partition(client, table: str, order_id: str, key: str) -> str:
    item = client.get_item(TableName=table, Key={"pk": {"S": f"ORDER#{order_id}"},
                                                  "sk": {"S": "ORDER"}})["Item"]
    return item[key]["S"]
