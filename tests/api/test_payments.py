"""Payments (收款) on an order through the API (issue 17, check 4's recording half): amount in
fen, method, reference, receipt number (required for cash), who collected it; a retried POST
with the same Idempotency-Key records it once; the manager hands it in to finance once, on the
version seen; every step is on the order's timeline; another outlet's order is not found."""

from __future__ import annotations

from datetime import timedelta

from chalicelib.kernel.store import keys


def _pay(api, order, user="sz_tech1", headers=None, **body):
    return api.call("POST", f"/api/work-orders/{order['id']}/payments", user,
                    {"amount_fen": 35000, "method": "cash", "receipt_no": "SK-0001", **body},
                    headers=headers)


def test_cash_collected_on_site_is_recorded_with_its_receipt_and_due_in_three_days(
        api, walk, new_order):
    order = walk(new_order(), ["dispatch"])
    missing = _pay(api, order, receipt_no=None)
    assert missing.status == 400 and "receipt_no" in missing.error["fields"]
    future = _pay(api, order, collected_at=keys.iso(keys.utc_now() + timedelta(hours=2)))
    assert future.status == 400 and "collected_at" in future.error["fields"]
    bad = _pay(api, order, amount_fen=0)
    assert bad.status == 400 and "amount_fen" in bad.error["fields"]

    paid = _pay(api, order)
    assert paid.status == 201, paid.body
    payment = paid.body
    assert payment["collected_by"] == "sz_tech1" and payment["collected_by_name"]
    assert payment["receipt_no"] == "SK-0001" and payment["handed_in_at"] is None
    collected = keys.parse_iso(payment["collected_at"])
    assert keys.parse_iso(payment["handin_due_at"]) == collected + timedelta(days=3)

    listed = api.get(f"/api/work-orders/{order['id']}/payments", "sz_agent")
    assert listed.status == 200
    assert [p["id"] for p in listed.body["items"]] == [payment["id"]]
    assert listed.body["paid_fen"] == 35000
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    event = detail["events"][-1]
    assert event["action"] == "payment_recorded" and event["data"]["amount_fen"] == 35000

    # a transfer carries no receipt and is not due with finance
    transfer = _pay(api, order, user="sz_agent", method="wechat", receipt_no=None,
                    reference="4200001234", amount_fen=1000)
    assert transfer.status == 201 and transfer.body["handin_due_at"] is None

    # another outlet's order: not found, to read and to pay
    assert api.get(f"/api/work-orders/{order['id']}/payments", "cd_manager").status == 404
    assert _pay(api, order, user="cd_agent").status == 404
    assert _pay(api, order, user="sz_tech3").status == 404  # a technician not on the order


def test_a_retried_payment_is_recorded_once(api, walk, new_order):
    order = walk(new_order(), ["dispatch"])
    key = {"Idempotency-Key": f"pay-{keys.new_id('t')}"}
    first = _pay(api, order, headers=key)
    again = _pay(api, order, headers=key)
    assert first.status == again.status == 201
    assert first.body["id"] == again.body["id"]
    other = _pay(api, order, headers=key, amount_fen=1)
    assert other.status == 409 and other.error["code"] == "idempotency_conflict"
    listed = api.get(f"/api/work-orders/{order['id']}/payments", "sz_manager").body
    assert len(listed["items"]) == 1


def test_the_manager_hands_cash_in_to_finance_once(api, walk, new_order):
    order = walk(new_order(), ["dispatch"])
    payment = _pay(api, order).body
    path = f"/api/work-orders/{order['id']}/payments/{payment['id']}/hand-in"
    assert api.post(path, "sz_tech1", {"version": 1}).status == 403
    assert api.post(path, "cd_manager", {"version": 1}).status == 404
    stale = api.post(path, "sz_manager", {"version": 7})
    assert stale.status == 409 and stale.error["code"] == "stale_version"
    handed = api.post(path, "sz_manager", {"version": 1})
    assert handed.status == 200, handed.body
    assert handed.body["handed_in_by"] == "sz_manager" and handed.body["handed_in_at"]
    assert handed.body["version"] == 2
    twice = api.post(path, "sz_manager", {"version": 2})
    assert twice.status == 409 and twice.error["code"] == "payment_handed_in"
    missing = f"/api/work-orders/{order['id']}/payments/pay_00000000deadbeef/hand-in"
    assert api.post(missing, "sz_manager", {"version": 1}).status == 404
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    assert detail["events"][-1]["action"] == "payment_handed_in"


def test_only_cash_is_handed_in(api, walk, new_order):
    order = walk(new_order(), ["dispatch"])
    transfer = _pay(api, order, method="transfer", receipt_no=None, reference="TX-9").body
    assert transfer["handin_due_at"] is None
    path = f"/api/work-orders/{order['id']}/payments/{transfer['id']}/hand-in"
    refused = api.post(path, "sz_manager", {"version": transfer["version"]})
    assert refused.status == 409 and refused.error["code"] == "payment_not_cash"
    assert "现金" in refused.error["message"]
    english = api.post(path, "sz_manager", {"version": transfer["version"]},
                       headers={"Accept-Language": "en"})
    assert english.error["message"] == "Only cash is handed in to finance"
    listed = api.get(f"/api/work-orders/{order['id']}/payments", "sz_manager").body["items"]
    assert listed[0]["handed_in_at"] is None and listed[0]["version"] == transfer["version"]
