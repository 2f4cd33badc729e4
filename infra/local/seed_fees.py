"""The demo's fees (issue 17, slice 1), through the use cases:

- this year's budgets: SZ 100,000元 (维修 50,000, 保养 20,000, 技术支持 15,000, 客户回访 5,000,
  培训 10,000), CD 80,000元; the accepted orders' costs are already booked by their acceptance;
  SZ's training category gets a booked spend (a course) and 王强's 费用增加申请 for more waits
  for head office;
- cash: the customer of SZ's most recent accepted paid order paid its charge in cash to the
  technician four days ago, with a receipt, not yet handed in to finance — the morning job
  (cash-handin) has told 王强;
- travel claims (差旅费报销单, with receipt photos uploaded as the phone does): 张伟's trip for
  one of his orders, filed on time, approved by 王强 and head office and booked against SZ's
  budget (its month's cost report shows it); 刘洋's claim filed late, with a taxi line 王强
  agreed to, an advance netted and a line dated before his order was dispatched (flagged),
  waiting for 王强; 郑浩's claim approved by 周斌, waiting for head office; 张伟's draft of
  this week's trip, its receipts not attached yet.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

LIMITS = {
    "SZ": {"repair": 5_000_000, "maintenance": 2_000_000, "support": 1_500_000,
           "visits": 500_000, "training": 1_000_000},
    "CD": {"repair": 4_000_000, "maintenance": 1_600_000, "support": 1_200_000,
           "visits": 400_000, "training": 800_000},
}


def seed_fees(seed, now: datetime, charged: list[dict], history: list[dict]) -> None:
    from chalicelib.kernel.store import keys
    from chalicelib.modules.directory import public as directory
    from chalicelib.modules.fees import budgets, cash_job, charges, payments

    head_office = seed._actor("hq_admin")
    year = now.astimezone(directory.zone("SZ")).year
    for outlet, limits in LIMITS.items():
        stored = budgets.read(outlet, year)
        budgets.set_budget(head_office, outlet, year, {
            "version": stored.version, "stop": False,
            "categories": {c: {"limit_fen": v} for c, v in limits.items()}}, "zh")
    manager = seed._actor("sz_manager")
    budgets.spend(manager, "SZ", year, {"category": "training", "amount_fen": 820_000,
                                        "note": "2026 年度技能等级考试培训班"}, "zh")
    budgets.file_request(manager, "SZ", year, {
        "category": "training", "amount_fen": 500_000,
        "reason": "下半年新增两名技术员，需参加厂家发动机/变速箱维修培训"})

    # cash collected on site four days ago, not handed in to finance
    collected = now - timedelta(days=4, hours=2)
    accepted_before = keys.iso(collected)
    sz = [d for d in charged if d["outlet"] == "SZ" and d.get("technician")
          and (d.get("acceptance") or {}).get("at", "~") <= accepted_before]
    for detail in reversed(sz):
        owed = charges.read(manager, detail["id"])["outstanding_fen"]
        if owed <= 0:
            continue
        keys.set_clock(lambda: collected)  # noqa: B023 - used at once, in this turn
        try:
            payments.record(seed._actor(detail["technician"]), detail["id"], {
                "amount_fen": owed, "method": "cash", "receipt_no": "SZ-SJ-0042",
                "note": "现场收取，客户签字确认"})
        finally:
            keys.set_clock(None)
        break
    cash_job.run(now)
    seed_claims(seed, now, history)


# ---------------------------------------------------------------- travel claims

def _zoned(moment: datetime, outlet: str) -> datetime:
    from chalicelib.modules.directory import public as directory

    return moment.astimezone(directory.zone(outlet))


def _local(at: str, outlet: str) -> datetime:
    from chalicelib.kernel.store import keys

    return _zoned(keys.parse_iso(at), outlet)


def _trip_order(history: list[dict], username: str, now: datetime, days_back: int):
    """The technician's most recent order completed at least `days_back` days ago."""
    from chalicelib.kernel.store import keys

    before = keys.iso(now - timedelta(days=days_back))
    done = [d for d in history if d.get("technician") == username and d.get("dispatch")
            and (d.get("completion") or {}).get("at", "~") <= before]
    return done[-1] if done else None


_SERIAL = itertools.count(1)


def _file(seed, username: str, body: dict, receipts: list[bool], when: datetime) -> dict:
    """A claim filed at `when` as the phone does: the form, then a receipt photo uploaded for
    each line that has one (`receipts`), then the form again naming them."""
    from chalicelib.modules.fees import claim_receipts, claims

    from . import uploads
    from .moments import at as _at

    actor = seed._actor(username)
    with _at(when):
        claim = claims.create(actor, body)
        lines = [dict(line) for line in body["lines"]]
        for i, wanted in enumerate(receipts):
            if not wanted:
                continue
            photo = uploads.paper_photo(next(_SERIAL))  # each receipt a paper of its own
            granted = claim_receipts.request_upload(actor, claim["id"], {
                "content_type": "image/jpeg", "size": len(photo),
                "file_name": f"票据{i + 1}.jpg"})
            uploads.post(granted["upload"], photo)
            claim_receipts.confirm(actor, claim["id"], granted["receipt"]["id"])
            lines[i]["receipts"] = [granted["receipt"]["id"]]
        if any(receipts):
            claim = claims.edit(actor, claim["id"], {**body, "lines": lines,
                                                     "version": claim["version"]})
    return claim


def _submit(seed, username: str, claim: dict, when: datetime) -> dict:
    from chalicelib.modules.fees import claims

    from .moments import at as _at

    with _at(when):
        return claims.submit(seed._actor(username), claim["id"], {"version": claim["version"]})


def _decide(seed, username: str, claim: dict, when: datetime, note: str | None = None) -> dict:
    from chalicelib.modules.fees import claims

    from .moments import at as _at

    with _at(when):
        return claims.decide(seed._actor(username), claim["id"], {
            "decision": "approve", "version": claim["version"],
            **({"note": note} if note else {})})


def _category(order: dict | None) -> str:
    from chalicelib.modules.fees.public import category_for_order

    return category_for_order(order["type"]) if order else "repair"


def seed_claims(seed, now: datetime, history: list[dict]) -> None:
    # 张伟: a trip for one of his orders, filed on time, approved, booked
    order = _trip_order(history, "sz_tech1", now, 12)
    if order is not None:
        start = _local(order["dispatch"]["at"], "SZ")
        end = max(_local(order["completion"]["at"], "SZ"), start)
        nights = (end.date() - start.date()).days
        lines = [{"date": start.date().isoformat(), "from": "深圳", "to": "东莞",
                  "category": "transport", "mode": "train", "amount_fen": 3_650},
                 *[{"date": (start.date() + timedelta(days=n)).isoformat(), "from": "东莞",
                    "to": "东莞", "category": "lodging", "amount_fen": 26_000}
                   for n in range(nights)],
                 {"date": start.date().isoformat(), "from": "东莞", "to": "东莞",
                  "category": "meals", "amount_fen": 8_000},
                 {"date": end.date().isoformat(), "from": "东莞", "to": "东莞",
                  "category": "allowance", "amount_fen": 10_000 * (nights + 1)},
                 {"date": end.date().isoformat(), "from": "东莞", "to": "深圳",
                  "category": "transport", "mode": "train", "amount_fen": 3_650}]
        body = {"reason": f"{order['customer_name']} 设备维修（工单 {order['number']}）",
                "departed_on": start.date().isoformat(), "returned_on": end.date().isoformat(),
                "budget_category": _category(order), "orders": [order["id"]],
                "advance_fen": 0, "lines": lines}
        filed = end + timedelta(days=1, hours=2)
        claim = _file(seed, "sz_tech1", body, [line["category"] != "allowance" for line in lines],
                      filed)
        claim = _submit(seed, "sz_tech1", claim, filed + timedelta(minutes=5))
        claim = _decide(seed, "sz_manager", claim, filed + timedelta(days=1))
        _decide(seed, "hq_admin", claim, filed + timedelta(days=2), "同意报销")

    # 刘洋: filed late, a taxi 王强 agreed to, an advance, a line before the dispatch (flagged)
    order = _trip_order(history, "sz_tech2", now, 9)
    start = _zoned(now - timedelta(days=12), "SZ")
    end = start + timedelta(days=1)
    if order is not None:
        start = _local(order["dispatch"]["at"], "SZ")
        end = max(_local(order["completion"]["at"], "SZ"), start)
    before = start - timedelta(days=1)  # left the day before the order was dispatched
    lines = [{"date": before.date().isoformat(), "from": "深圳", "to": "惠州",
              "category": "transport", "mode": "bus", "amount_fen": 6_500},
             {"date": before.date().isoformat(), "from": "惠州", "to": "惠州",
              "category": "lodging", "amount_fen": 23_000},
             {"date": start.date().isoformat(), "from": "惠州汽车站", "to": "客户工厂",
              "category": "transport", "mode": "taxi", "amount_fen": 4_800,
              "prior_approval": {"by": "sz_manager", "note": "设备急修，公交无法按时到场，电话请示同意"}},
             {"date": end.date().isoformat(), "from": "惠州", "to": "深圳",
              "category": "transport", "mode": "bus", "amount_fen": 6_500},
             {"date": end.date().isoformat(), "from": "惠州", "to": "惠州",
              "category": "allowance", "amount_fen": 10_000 * ((end.date() - before.date()).days + 1)}]
    body = {"reason": (f"{order['customer_name']} 设备故障抢修（工单 {order['number']}）" if order
                       else "惠州客户设备故障抢修"),
            "departed_on": before.date().isoformat(), "returned_on": end.date().isoformat(),
            "budget_category": _category(order), "orders": [order["id"]] if order else [],
            "advance_fen": 50_000, "lines": lines}
    filed = now - timedelta(days=1, hours=3)  # well past 3 working days after the return
    claim = _file(seed, "sz_tech2", body, [line["category"] != "allowance" for line in lines],
                  filed)
    _submit(seed, "sz_tech2", claim, filed + timedelta(minutes=3))

    # 郑浩 (CD): approved by 周斌, waiting for head office
    order = _trip_order(history, "cd_tech1", now, 6)
    if order is not None:
        start = _local(order["dispatch"]["at"], "CD")
        end = max(_local(order["completion"]["at"], "CD"), start)
        lines = [{"date": start.date().isoformat(), "from": "成都", "to": "绵阳",
                  "category": "transport", "mode": "train", "amount_fen": 5_450},
                 {"date": end.date().isoformat(), "from": "绵阳", "to": "成都",
                  "category": "transport", "mode": "train", "amount_fen": 5_450},
                 {"date": end.date().isoformat(), "from": "绵阳", "to": "绵阳",
                  "category": "meals", "amount_fen": 6_000},
                 {"date": end.date().isoformat(), "from": "绵阳", "to": "绵阳",
                  "category": "allowance", "amount_fen": 10_000}]
        body = {"reason": f"{order['customer_name']} 设备维修（工单 {order['number']}）",
                "departed_on": start.date().isoformat(), "returned_on": end.date().isoformat(),
                "budget_category": _category(order), "orders": [order["id"]],
                "advance_fen": 0, "lines": lines}
        filed = min(end + timedelta(days=1), now - timedelta(days=2))
        claim = _file(seed, "cd_tech1", body, [True, True, True, False], filed)
        claim = _submit(seed, "cd_tech1", claim, filed + timedelta(minutes=4))
        _decide(seed, "cd_manager", claim, filed + timedelta(days=1))

    # 张伟: this week's trip, a draft whose receipts are not attached yet
    back = _zoned(now - timedelta(days=1), "SZ")
    _file(seed, "sz_tech1", {
        "reason": "广州客户年度保养巡检", "departed_on": back.date().isoformat(),
        "returned_on": back.date().isoformat(), "budget_category": "maintenance",
        "orders": [], "advance_fen": 0,
        "lines": [{"date": back.date().isoformat(), "from": "深圳", "to": "广州",
                   "category": "transport", "mode": "train", "amount_fen": 7_450},
                  {"date": back.date().isoformat(), "from": "广州", "to": "深圳",
                   "category": "transport", "mode": "train", "amount_fen": 7_450}]},
        [False, False], now - timedelta(hours=5))
