"""Issue 10, item 2: no request body, query or path gets a 500 or stores what cannot be read
back. Each case is one that answered 500 or was stored on the earlier main."""

from __future__ import annotations

import json

import pytest

from tests.conftest import customer_of


def _bad(reply, field: str | None = None):
    assert reply.status == 400, reply.body
    assert reply.error["code"] in ("validation_error", "bad_json")
    if field:
        assert field in reply.error["fields"], reply.error
    return reply.error


@pytest.mark.parametrize("path,user", [("/api/auth/login", None), ("/api/work-orders", "sz_agent"),
                                       ("/api/customers", "sz_agent")])
def test_deeply_nested_json_is_refused_before_parsing(api, path, user):
    error = _bad(api.post(path, user, raw=b"[" * 2000), "body")
    assert "嵌套" in error["fields"]["body"]
    _bad(api.post(path, user, raw=b'{"a":' * 40 + b"1" + b"}" * 40), "body")


def test_brackets_inside_strings_do_not_count_as_nesting(api, new_order):
    order = new_order(description="[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{{{{{")
    assert order["description"].startswith("[[[[")


def test_a_body_over_the_limit_is_413_in_the_envelope(api):
    reply = api.post("/api/customers", "sz_agent", raw=b'{"name":"' + b"x" * 300_000 + b'"}')
    assert reply.status == 413 and reply.error["code"] == "payload_too_large"


def test_a_contact_time_in_year_one_is_refused_and_the_order_stays_usable(api, new_order, walk):
    order = walk(new_order(), ["dispatch"])
    for moment in ("0001-01-01T00:30:00+14:00", "9999-12-31T23:59:59-12:00",
                   "2026-01-01T08:00:00Z\u0000", "2026-01-01T08:00:00", "2026-02-30T08:00:00Z",
                   "1999-12-31T23:59:59Z"):
        reply = api.act(order, "contact", "sz_tech1",
                        {"contacted_at": moment, "visit_at": "2026-01-01T10:00:00Z"})
        _bad(reply, "data.contacted_at")
    done = walk(order, ["contact", "check_in", "survey", "submit_plan", "approve_plan",
                        "complete", "accept"])
    assert done["state"] == "accepted"


@pytest.mark.parametrize("finish", ["0001-01-01T00:00:00Z", "9999-12-31T00:00:00Z"])
def test_a_planned_finish_outside_the_window_is_refused(api, new_order, walk, finish):
    order = walk(new_order(), ["dispatch", "contact", "check_in", "survey"])
    reply = api.act(order, "submit_plan", "sz_tech1", {
        "measures": "更换", "parts_tools": "接触器", "estimated_hours": 2, "staff": ["张伟"],
        "planned_finish_at": finish})
    _bad(reply, "data.planned_finish_at")


@pytest.mark.parametrize("day", ["2026-02-30", "2026-13-01", "0001-01-01", "9999-12-31",
                                 "2026-1-1", "２０２６-01-01"])
def test_export_dates_are_real_dates_in_the_window(api, day):
    reply = api.post("/api/exports", "sz_manager", {
        "kind": "orders", "format": "csv", "outlets": ["SZ"], "from": day, "to": "2026-03-01"})
    _bad(reply, "from")


@pytest.mark.parametrize("query,field", [("to=9999-12-31", "to"), ("from=0001-01-01", "from"),
                                         ("from=2026-02-30", "from")])
def test_order_list_dates_are_checked(api, query, field):
    _bad(api.get(f"/api/work-orders?{query}", "sz_manager"), field)


@pytest.mark.parametrize("query", ["from=0001-01&to=0001-03", "from=2026-13&to=2026-14",
                                   "from=9999-01&to=9999-02"])
def test_kpi_months_are_checked(api, query):
    _bad(api.get(f"/api/kpi/summary?{query}", "hq_admin"))


@pytest.mark.parametrize("field,value", [("installed_on", "2026-02-30"),
                                         ("warranty_until", "9999-99-99"),
                                         ("warranty_until", "2150-01-01")])
def test_equipment_dates_are_checked_before_they_are_stored(api, field, value):
    customer = customer_of(api, "SZ")
    reply = api.post(f"/api/customers/{customer['id']}/equipment", "sz_agent",
                     {"model": "M", "serial_no": "S-1", field: value})
    _bad(reply, field)
    detail = api.get(f"/api/customers/{customer['id']}", "sz_agent").body
    assert all(e.get(field) != value for e in detail["equipment"])


@pytest.mark.parametrize("raw,field", [
    (b'{"name": "A", "lat": 1e-200, "lng": 114}', "lat"),
    (b'{"name": "A", "distance_km": 1e-200}', "distance_km"),
    (b'{"name": "A", "distance_km": NaN}', "distance_km"),
    (b'{"name": "A", "distance_km": Infinity}', "distance_km"),
])
def test_numbers_dynamodb_cannot_store_are_refused(api, raw, field):
    customer = customer_of(api, "SZ")
    _bad(api.post(f"/api/customers/{customer['id']}/sites", "sz_agent", raw=raw), field)


@pytest.mark.parametrize("text", ["\ud800", "ok\udfffok", "nul\u0000", "bell\u0007", "c1\u0085"])
def test_invalid_unicode_and_control_characters_are_refused_in_free_text(api, text):
    customer = customer_of(api, "SZ")
    raw = json.dumps({"customer_id": customer["id"], "type": "repair", "priority": "general",
                      "channel": "phone", "description": text}).encode()
    _bad(api.post("/api/work-orders", "sz_agent", raw=raw), "description")


def test_line_breaks_only_where_text_may_span_lines(api, new_order):
    order = new_order(description="第一行\n第二行\t缩进")
    assert order["description"] == "第一行\n第二行\t缩进"
    reply = api.post("/api/customers", "sz_agent", {"name": "换行\n公司", "phone": "13800000000"})
    _bad(reply, "name")


def test_control_characters_in_query_parameters_are_refused(api):
    _bad(api.get("/api/customers?q=%00abc", "sz_agent"), "q")
    _bad(api.get("/api/work-orders?number=SZ%0A1", "sz_agent"), "number")


def test_an_overlong_query_parameter_is_refused(api):
    _bad(api.get("/api/customers?q=" + "x" * 3000, "sz_agent"), "q")


@pytest.mark.parametrize("year", ["%C2%B2%C2%B2", "%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96", "1999",
                                  "2100", "20261"])
def test_a_year_is_four_ascii_digits_in_the_window(api, year):
    from urllib.parse import unquote

    raw = unquote(year)  # what the app sees when the gateway decodes the path
    _bad(api.call("PUT", f"/api/sla/calendar/years/{raw}", "hq_admin", {"confirmed": True}), "year")
    _bad(api.get(f"/api/sla/calendar?year={year}", "hq_admin"), "year")
    _bad(api.get(f"/api/monthly-reports?year={year}", "hq_admin"), "year")


def test_the_default_kpi_range_stays_inside_the_window(api):
    reply = api.get("/api/kpi/summary?to=2000-01", "hq_admin")
    assert reply.status == 200
    assert [m["month"] for m in reply.body["months"]] == ["2000-01"]


def test_a_body_in_utf16_is_refused_not_guessed(api):
    # "丢" is the byte '"' in UTF-16LE: measured as bytes, the nesting below would hide
    body = '{"a":"丢","b":' + "[" * 600 + "]" * 600 + "}"
    reply = api.post("/api/customers", "sz_agent", raw=body.encode("utf-16-le"))
    _bad(reply, "body")


def test_escaped_quotes_do_not_hide_nesting(api):
    _bad(api.post("/api/customers", "sz_agent", raw=b'{"a":"\\\\","b":' + b"[" * 40 + b"]" * 40 + b"}"),
         "body")
    _bad(api.post("/api/customers", "sz_agent", raw=b'"' + b'\\"' * 100_000), "body")


def test_a_long_array_is_refused_before_the_schema_compares_its_items(api):
    reply = api.post("/api/exports", "hq_admin", {
        "kind": "orders", "format": "csv", "outlets": [{"a": i} for i in range(3000)],
        "from": "2026-01-01", "to": "2026-01-02"})
    _bad(reply, "outlets")
    duplicate = api.post("/api/exports", "hq_admin", {
        "kind": "orders", "format": "csv", "outlets": ["SZ", "SZ"],
        "from": "2026-01-01", "to": "2026-01-02"})
    _bad(duplicate, "outlets")


@pytest.mark.parametrize("path", ["/api/work-orders/" + "w" * 1500, "/api/customers/a%20b",
                                  "/api/exports/" + "e" * 100,
                                  "/api/work-orders/by-number/SZ-1"])
def test_ids_in_the_path_are_checked_against_the_parameter_table(api, path):
    reply = api.get(path, "hq_admin")
    assert reply.status == 400, reply.body


@pytest.mark.parametrize("query,field", [("outlet=" + "S" * 100, "outlet"),
                                         ("technician=a%20b", "technician"),
                                         ("customer=" + "c" * 65, "customer"),
                                         ("limit=1e3", "limit"), ("number=sz-1", "number"),
                                         ("state=nope", "state")])
def test_query_parameters_are_checked_against_the_parameter_table(api, query, field):
    _bad(api.get(f"/api/work-orders?{query}", "hq_admin"), field)


def test_a_fault_that_starts_in_the_future_is_refused(api):
    customer = customer_of(api, "SZ")
    reply = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "type": "repair", "priority": "general", "channel": "phone",
        "description": "未来的故障", "fault_started_at": "2099-01-01T00:00:00Z"})
    _bad(reply, "fault_started_at")


def test_a_date_range_must_run_forwards(api):
    _bad(api.get("/api/work-orders?from=2026-05-01&to=2026-04-01", "sz_manager"), "to")


def test_a_body_must_be_declared_exactly_as_json(api):
    for declared in ("text/plain; application/json", "text/plain", "application/jsonx"):
        reply = api.post("/api/customers", "sz_agent", raw=b'{"name": "x", "phone": "123"}',
                         headers={"Content-Type": declared})
        assert reply.status == 415 and reply.error["code"] == "unsupported_media_type", declared
    ok = api.post("/api/customers", "sz_agent", raw='{"name": "字符集", "phone": "13800000001"}'
                  .encode(), headers={"Content-Type": "application/json; charset=utf-8"})
    assert ok.status == 201
