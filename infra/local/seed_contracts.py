"""The demo's maintenance contracts (issue 18, slice 1), through the use cases:

- SZ: an active contract of this year for one customer's site (monthly inspections on the
  15th, the 001 §14 checklist: 前端设备, 管线, 中心控制设备, 系统功能), 4 call-outs included, 3 of
  them used by repairs this year (walked to the return visit; each counted by the order's
  create), with the contract's service level (response 30 min, arrival 4 h);
- SZ: another customer's free maintenance period after delivery (免费维护期) ending on
  2026-12-31, quarterly; its expiry reminder told on 2026-09-30 (the reminder job run then):
  it waits on the 待续签 list;
- CD: one active contract (half-yearly inspections).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

CHECKLIST = [
    {"area": "前端设备", "items": ["入侵探测器工作正常", "摄像机及镜头图像清晰", "云台转动灵活",
                                "解码器控制正常"]},
    {"area": "管线", "items": ["管线质量完好", "防雷接地良好", "屏蔽良好", "线路接头无松动"]},
    {"area": "中心控制设备", "items": ["矩阵切换主机正常", "报警主机正常", "监视器显示正常",
                                    "图像处理和记录设备正常", "电源设备及回放清晰度"]},
    {"area": "系统功能", "items": ["系统功能符合设计", "技术指标达标", "操作运行正常"]},
]
SERVICE_LEVEL = {"response_minutes": 30, "arrival_minutes": 240}
REPAIRS = [("2026-03-16T02:10:00Z", "3 号摄像机画面间歇性黑屏"),
           ("2026-06-09T06:30:00Z", "报警主机误报，夜间频繁触发"),
           ("2026-09-08T01:45:00Z", "监视器无信号，录像回放卡顿")]


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _walk_repair(seed, customer: dict, at: datetime, description: str, n: int) -> dict:
    """A repair on the covered unit at `at`, walked to its return visit as the history is."""
    from chalicelib.kernel.store import keys
    from chalicelib.modules.orders import usecases as work_orders

    rng = random.Random(1800 + n)
    fault = (description, "线路接头氧化导致接触不良", "重新压接接头并做防水处理")
    keys.set_clock(lambda: at)
    try:
        detail, _ = work_orders.create_order(seed._actor("sz_agent"), {
            "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
            "equipment_id": customer["equipment"][0]["id"], "type": "repair",
            "priority": "general", "channel": "phone", "description": description,
            "impact": "影响安防监控"}, None)
        moment = at
        for action in seed.HAPPY_PATH[:9]:
            moment += timedelta(minutes=rng.randint(10, 25) if action == "contact"
                                else rng.randint(20, 180))
            step = moment
            keys.set_clock(lambda step=step: step)
            data = seed._step_data(action, "SZ", step, rng, fault)
            who = seed._who(action, "SZ", detail)
            data = seed._evidence(action, who, detail, data, step, 900 + n)
            detail = work_orders.apply_action(who, detail["id"], action,
                                              {"version": detail["version"], "data": data})
    finally:
        keys.set_clock(None)
    return detail


def seed_contracts(seed, by_outlet: dict[str, list[dict]], now: datetime) -> dict:
    from chalicelib.kernel.store import keys
    from chalicelib.modules.contracts import usecases as contracts
    from chalicelib.modules.directory import public as directory

    year = now.astimezone(directory.zone("SZ")).year
    made = {}
    sz_customer, free_customer = by_outlet["SZ"][4], by_outlet["SZ"][7]
    cd_customer = by_outlet["CD"][2]

    # SZ: this year's contract, made before the year began, 3 of its 4 call-outs used
    keys.set_clock(lambda: datetime(year - 1, 12, 20, 2, 0, tzinfo=UTC))
    try:
        made["SZ"] = contracts.create(seed._actor("sz_manager"), {
            "customer_id": sz_customer["id"], "starts_on": f"{year}-01-01",
            "ends_on": f"{year}-12-31", "free_period": False, "price_fen": 3_600_000,
            "sites": [sz_customer["sites"][0]["id"]], "service_level": SERVICE_LEVEL,
            "included_callouts": 4,
            "schedule": {"kind": "monthly", "day": 15, "month_offset": 0, "per": "site"},
            "checklist": CHECKLIST, "state": "active"})
        # the free maintenance period after delivery, ending 2026-12-31
        made["free"] = contracts.create(seed._actor("sz_manager"), {
            "customer_id": free_customer["id"], "starts_on": "2026-01-01",
            "ends_on": "2026-12-31", "free_period": True, "price_fen": 0,
            "sites": [free_customer["sites"][0]["id"]], "included_callouts": 2,
            "schedule": {"kind": "quarterly", "day": 10, "month_offset": 1, "per": "site"},
            "checklist": CHECKLIST, "state": "active"})
        made["CD"] = contracts.create(seed._actor("cd_manager"), {
            "customer_id": cd_customer["id"], "starts_on": f"{year}-01-01",
            "ends_on": f"{year}-12-31", "free_period": False, "price_fen": 2_400_000,
            "sites": [cd_customer["sites"][0]["id"]], "included_callouts": 2,
            "schedule": {"kind": "half_yearly", "day": 20, "month_offset": 2, "per": "site"},
            "checklist": CHECKLIST[:2], "state": "active"})
    finally:
        keys.set_clock(None)
    for n, (at, description) in enumerate(REPAIRS):
        moment = _at(at).replace(year=year)
        if moment < now:
            _walk_repair(seed, sz_customer, moment, description, n)

    # the free period's expiry reminder, told on 2026-09-30 (reminder_job.py)
    told_at = datetime(2026, 9, 30, 1, 0, tzinfo=UTC)  # 09:00 in Shenzhen
    if told_at < now:
        from chalicelib.modules.contracts import reminder_job

        keys.set_clock(lambda: told_at)
        try:
            reminder_job.run(told_at)
        finally:
            keys.set_clock(None)
    return {name: c["number"] for name, c in made.items()}
