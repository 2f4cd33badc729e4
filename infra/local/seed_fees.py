"""The demo's fees (issue 17, slice 1), through the use cases:

- this year's budgets: SZ 100,000元 (维修 50,000, 保养 20,000, 技术支持 15,000, 客户回访 5,000,
  培训 10,000), CD 80,000元; the accepted orders' costs are already booked by their acceptance;
  SZ's training category gets a booked spend (a course) and 王强's 费用增加申请 for more waits
  for head office;
- cash: the customer of SZ's most recent accepted paid order paid its charge in cash to the
  technician four days ago, with a receipt, not yet handed in to finance — the morning job
  (cash-handin) has told 王强.
"""

from __future__ import annotations

from datetime import datetime, timedelta

LIMITS = {
    "SZ": {"repair": 5_000_000, "maintenance": 2_000_000, "support": 1_500_000,
           "visits": 500_000, "training": 1_000_000},
    "CD": {"repair": 4_000_000, "maintenance": 1_600_000, "support": 1_200_000,
           "visits": 400_000, "training": 800_000},
}


def seed_fees(seed, now: datetime, charged: list[dict]) -> None:
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
