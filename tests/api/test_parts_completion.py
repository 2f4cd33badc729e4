"""Issue 14, check 4: a completion naming a part not issued to the order is refused (409
part_not_issued naming the line) unless a manager recorded an audited exception; the parts
used replace the free text of parts_replaced; a legacy order keeps its text."""

from __future__ import annotations

from chalicelib.kernel.store import keys
from tests.conftest import STEP_DATA, evidence_for
from tests.parts_req_helpers import TO_REPAIR, act, detail, issued, part, stock, walk


def _complete(api, order: dict, parts: list[dict]):
    order = detail(api, order, "sz_tech1")
    data = evidence_for(api, order, "complete", "sz_tech1", {
        "fault_cause": "接触器烧蚀", "solution": "更换接触器", "parts_replaced": parts})
    return api.act(order, "complete", "sz_tech1", data)


def test_a_part_not_issued_is_refused_until_a_manager_records_an_exception(api, new_order):
    p = part(api, name=f"启动机 QDJ-{keys.new_id('n')[-6:]}", stock=3)
    order = walk(api, new_order(), TO_REPAIR)
    by_name = _complete(api, order, [{"name": p["name"], "quantity": 1}])
    assert by_name.status == 409 and by_name.error["code"] == "part_not_issued"
    assert list(by_name.error["fields"]) == ["data.parts_replaced.0"]
    by_code = _complete(api, order, [{"name": "接触器", "quantity": 1},
                                     {"name": "随便", "code": p["code"].lower(), "quantity": 1}])
    assert by_code.status == 409 and list(by_code.error["fields"]) == ["data.parts_replaced.1"]

    technician = api.post(f"/api/work-orders/{order['id']}/parts-exceptions", "sz_tech1",
                          {"code": p["code"], "name": p["name"], "quantity": 1, "reason": "x"})
    assert technician.status == 403
    allowed = api.post(f"/api/work-orders/{order['id']}/parts-exceptions", "sz_manager",
                       {"code": p["code"], "name": p["name"], "quantity": 1,
                        "reason": "客户自备配件，现场更换"})
    assert allowed.status == 201, allowed.body
    seen = detail(api, order)
    assert seen["parts"]["exceptions"][0]["by"] == "sz_manager"
    audit = [e for e in seen["events"] if e["action"] == "parts_exception"]
    assert audit and audit[0]["data"]["reason"] == "客户自备配件，现场更换"
    too_many = _complete(api, order, [{"name": p["name"], "code": p["code"], "quantity": 2}])
    assert too_many.status == 409
    done = _complete(api, order, [{"name": p["name"], "code": p["code"], "quantity": 1}])
    assert done.status == 200, done.body
    assert done.body["completion"]["parts_replaced"] == [
        {"name": p["name"], "code": p["code"], "quantity": 1}]
    assert stock(p["code"])["on_hand"] == 3  # nothing was issued


def test_used_parts_replace_the_free_text_and_are_recorded_on_the_requisition(api, new_order):
    p = part(api, price=8000, cost=5000, stock=4)
    order = walk(api, new_order(), TO_REPAIR)
    req = issued(api, order, [(p["code"], 2)], user="sz_tech1")
    act(api, req, "receive", "sz_tech1")
    done = _complete(api, order, [{"name": p["name"], "quantity": 1},
                                  {"name": "密封胶（客户提供）", "quantity": 1}])
    assert done.status == 200, done.body
    assert done.body["completion"]["parts_replaced"] == [
        {"name": p["name"], "code": p["code"], "quantity": 1},
        {"name": "密封胶（客户提供）", "quantity": 1}]
    used = [e for e in done.body["events"] if e["action"] == "parts_used"]
    assert used and used[0]["data"]["lines"] == [
        {"name": p["name"], "code": p["code"], "quantity": 1}]
    parts = done.body["parts"]
    [line] = parts["lines"]
    assert (line["issued"], line["used"], line["outstanding"]) == (2, 1, 1)
    # the internal cost is not the technician's to see; the manager sees it
    assert line["cost_total_fen"] is None and parts["cost_total_fen"] is None
    assert parts["requisitions"][0]["lines"][0]["cost_fen"] is None
    managed = detail(api, order, "sz_manager")["parts"]
    assert managed["lines"][0]["cost_total_fen"] == 5000 and managed["cost_total_fen"] == 5000
    assert parts["can_request"] is True  # repaired, not yet accepted: still open to one
    assert line["charge_fen"] in (0, 8000)  # free under warranty, else the list price
    [req] = parts["requisitions"]
    assert req["completed_at"] and req["return_due_at"] and req["lines"][0]["used"] == 1

    # the service report prints the part with what it costs the customer
    accepted = api.act(done.body, "accept", "sz_agent", {
        "customer_name": "陈先生", "opinion": "已电话确认，设备正常"})
    assert accepted.status == 200, accepted.body
    text = _report_text(accepted.body["reports"][0]["url"])
    charge = "免费" if line["charge_fen"] == 0 else "¥80.00"
    assert "费用" in text and p["name"] in text and charge in text and "密封胶" in text


def _report_text(url: str) -> str:
    import io

    import requests
    from pypdf import PdfReader

    pdf = requests.get(url, timeout=30).content
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_legacy_order_keeps_its_free_text(api, new_order):
    order = walk(api, new_order(), TO_REPAIR)
    done = _complete(api, order, STEP_DATA["complete"]["parts_replaced"])
    assert done.status == 200, done.body
    assert done.body["completion"]["parts_replaced"] == STEP_DATA["complete"]["parts_replaced"]
    assert done.body["parts"]["requisitions"] == [] and done.body["parts"]["lines"] == []
    assert not [e for e in done.body["events"] if e["action"] == "parts_used"]


def test_an_order_with_a_reservation_is_not_cancelled_and_waiting_requests_go_with_it(
        api, new_order):
    from tests.parts_req_helpers import approved, request

    p = part(api, stock=2)
    order = new_order()
    held = approved(api, order, [(p["code"], 1)])
    refused = api.act(detail(api, order), "cancel", "sz_manager", {"reason": "客户取消"})
    assert refused.status == 409 and refused.error["code"] == "parts_outstanding"
    assert act(api, held, "cancel", "sz_manager").status == 200
    waiting = request(api, order, [(p["code"], 1)]).body
    cancelled = api.act(detail(api, order), "cancel", "sz_manager", {"reason": "客户取消"})
    assert cancelled.status == 200, cancelled.body
    [after] = [r for r in cancelled.body["parts"]["requisitions"] if r["id"] == waiting["id"]]
    assert after["state"] == "cancelled" and stock(p["code"])["reserved"] == 0
