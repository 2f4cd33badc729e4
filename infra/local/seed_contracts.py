"""The demo's maintenance contracts (issue 18, slice 1), through the use cases:

- SZ: an active half-year contract (07-01 to 12-31 of this year, recorded on 06-20) for one
  customer's site (monthly inspections on the 15th, the 001 §14 checklist: 前端设备, 管线,
  中心控制设备, 系统功能), 4 call-outs included, 3 of them used by repairs (walked to the return
  visit; each counted by the order's create), with the contract's service level (response 30
  min, arrival 4 h);
- SZ: another customer's free maintenance period after delivery (免费维护期) from 2026-07-01 to
  2026-12-31, quarterly; its expiry reminder told on 2026-09-30 (the reminder job run then):
  it waits on the 待续签 list;
- CD: one active contract of this year (half-yearly inspections), recorded the December before.

Each contract is recorded in the seed's past; the inspection generator then runs the mornings
its daily job would have run since (`_catch_up`), so each has the inspection orders of its
occurrences so far and its `next_due_on` ahead. The inspections whose period has ended were done
on their working day (`_walk_inspection`: dispatched, checked in, the checklist answered item by
item, completed, accepted with the customer's signature) — but SZ's last one, left overdue
(逾期未完成); the running period's stand open. (Five inspections walked: each costs about 4 s of
the seed's CPU — mostly its 16 checklist answers — so the contracts start mid-year rather than
walk a monthly contract's every month since January.)
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

CHECKLIST = [
    {"area": "前端设备", "items": ["入侵探测器工作正常", "摄像机及镜头图像清晰", "云台转动灵活",
                                "解码器控制正常"]},
    {"area": "管线", "items": ["管线质量完好", "防雷接地良好", "屏蔽良好", "线路接头无松动"]},
    {"area": "中心控制设备", "items": ["矩阵切换主机正常", "报警主机正常", "监视器显示正常",
                                    "图像处理和记录设备正常", "电源设备及回放清晰度"]},
    {"area": "系统功能", "items": ["系统功能符合设计", "技术指标达标", "操作运行正常"]},
]
SERVICE_LEVEL = {"response_minutes": 30, "arrival_minutes": 240}
# what an inspection's steps record (the survey, plan and completion of a routine visit)
INSPECTION = ("例行巡检：按维护检查表逐项检查", "各项检查正常，未发现故障",
              "清洁前端设备、紧固线路接头，逐项检查并记录")
MORNING = time(6)  # when the daily inspection job runs, the outlet's wall clock
REPAIRS = [("2026-07-21T02:10:00Z", "3 号摄像机画面间歇性黑屏"),
           ("2026-09-08T01:45:00Z", "监视器无信号，录像回放卡顿"),
           ("2026-10-13T06:30:00Z", "报警主机误报，夜间频繁触发")]


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


def _catch_up(contract_ids: list[str], now: datetime) -> None:
    """The inspection generator's mornings since the contracts were recorded, up to now, the
    business clock set to each (06:00 in Shenzhen; as tests/jobs/test_inspection_generator.py
    drives the date): only the mornings the daily job had work — LEAD_DAYS before the earliest
    `next_due_on` — for a run on any other morning reads the due index and finds nothing."""
    from chalicelib.modules.contracts import generator
    from chalicelib.modules.contracts import usecases as contracts
    from chalicelib.modules.directory import public as directory

    from .moments import at as _at

    zone, last = directory.zone("SZ"), None
    while True:
        dues = [c.next_due_on for c in map(contracts.contract_of, contract_ids)
                if c is not None and c.next_due_on]
        if not dues:
            return
        day = date.fromisoformat(min(dues)) - timedelta(days=generator.LEAD_DAYS)
        if last is not None:
            day = max(day, last + timedelta(days=1))  # an occurrence that failed: tried daily
        morning = datetime.combine(day, MORNING, zone)
        if morning > now:
            return
        with _at(morning):
            generator.run(morning)
        last = day


def _walk_inspection(seed, outlet: str, order_id: str, due: str, n: int) -> None:
    """A generated inspection done on its working day: dispatched, contacted, checked in,
    surveyed, its plan approved, its checklist answered item by item (all 正常, by the lead
    technician, as on the phone), completed with its photos and accepted with the customer's
    signature (the service report: 维护登记表)."""
    from chalicelib.kernel.store import keys
    from chalicelib.modules.contracts import checklists
    from chalicelib.modules.directory import public as directory
    from chalicelib.modules.orders import usecases as work_orders

    rng = random.Random(2600 + n)
    moment = datetime.combine(date.fromisoformat(due), time(8, 30), directory.zone(outlet))
    try:
        keys.set_clock(lambda start=moment: start)
        detail = work_orders.get_detail(seed._actor(f"{outlet.lower()}_manager"), order_id)
        for action in [*seed.HAPPY_PATH[:6], "checklist", "complete", "accept"]:
            moment += timedelta(minutes=rng.randint(8, 15) if action == "contact"
                                else rng.randint(15, 60))
            step = moment
            keys.set_clock(lambda step=step: step)
            who = seed._who(action, outlet, detail)
            if action == "checklist":
                version = detail["checklist"]["version"]
                for a, area in enumerate(detail["checklist"]["areas"]):
                    for i in range(len(area["items"])):
                        version = checklists.answer(who, order_id, {
                            "version": version, "area": a, "item": i,
                            "answer": "ok"})["checklist"]["version"]
                continue
            data = seed._step_data(action, outlet, step, rng, INSPECTION)
            if action == "complete":
                data = {**data, "parts_replaced": []}
            data = seed._evidence(action, who, detail, data, step, 700 + n)
            detail = work_orders.apply_action(who, order_id, action,
                                              {"version": detail["version"], "data": data})
    finally:
        keys.set_clock(None)


def _inspect(seed, made: dict[str, dict], overdue: str, now: datetime) -> None:
    """Each contract's inspections whose period has ended done on their working day, oldest
    first — but the `overdue` contract's last, left overdue from its period; those of a period
    still running stay open."""
    from chalicelib.modules.contracts import occurrences
    from chalicelib.modules.contracts import usecases as contracts
    from chalicelib.modules.directory import public as directory

    n = 0
    for name, made_contract in made.items():
        contract = contracts.contract_of(made_contract["id"])
        today = directory.local_date(contract.outlet, now)
        markers, _more = occurrences.newest(contract.id, limit=100)
        ended = sorted((m for m in markers
                        if date.fromisoformat(occurrences.period_end(m, contract)) < today),
                       key=lambda m: m.planned)
        if name == overdue:
            ended = ended[:-1]
        for marker in ended:
            _walk_inspection(seed, contract.outlet, marker.order_id, marker.due, n)
            n += 1


def seed_contracts(seed, by_outlet: dict[str, list[dict]], now: datetime) -> dict:
    from chalicelib.kernel.store import keys
    from chalicelib.modules.contracts import usecases as contracts
    from chalicelib.modules.directory import public as directory

    from .moments import at as _moment

    year = now.astimezone(directory.zone("SZ")).year
    made = {}
    sz_customer, free_customer = by_outlet["SZ"][4], by_outlet["SZ"][7]
    cd_customer = by_outlet["CD"][2]

    # (recorded at 10:00 in Shenzhen on those days, or now when that is still ahead)
    def recorded(y: int, m: int, d: int) -> datetime:
        return min(datetime(y, m, d, 2, 0, tzinfo=UTC), now)

    # SZ: this half year's contract, 3 of its 4 call-outs used
    with _moment(recorded(year, 6, 20)):
        made["SZ"] = contracts.create(seed._actor("sz_manager"), {
            "customer_id": sz_customer["id"], "starts_on": f"{year}-07-01",
            "ends_on": f"{year}-12-31", "free_period": False, "price_fen": 1_800_000,
            "sites": [sz_customer["sites"][0]["id"]], "service_level": SERVICE_LEVEL,
            "included_callouts": 4,
            "schedule": {"kind": "monthly", "day": 15, "month_offset": 0, "per": "site"},
            "checklist": CHECKLIST, "state": "active"})
    # the free maintenance period after delivery (at the end of June), ending 2026-12-31
    with _moment(recorded(2026, 6, 28)):
        made["free"] = contracts.create(seed._actor("sz_manager"), {
            "customer_id": free_customer["id"], "starts_on": "2026-07-01",
            "ends_on": "2026-12-31", "free_period": True, "price_fen": 0,
            "sites": [free_customer["sites"][0]["id"]], "included_callouts": 2,
            "schedule": {"kind": "quarterly", "day": 10, "month_offset": 1, "per": "site"},
            "checklist": CHECKLIST, "state": "active"})
    with _moment(recorded(year - 1, 12, 20)):
        made["CD"] = contracts.create(seed._actor("cd_manager"), {
            "customer_id": cd_customer["id"], "starts_on": f"{year}-01-01",
            "ends_on": f"{year}-12-31", "free_period": False, "price_fen": 2_400_000,
            "sites": [cd_customer["sites"][0]["id"]], "included_callouts": 2,
            "schedule": {"kind": "half_yearly", "day": 20, "month_offset": 2, "per": "site"},
            "checklist": CHECKLIST[:2], "state": "active"})
    for n, (at, description) in enumerate(REPAIRS):
        moment = _at(at).replace(year=year)
        if moment < now:
            _walk_repair(seed, sz_customer, moment, description, n)
    # the inspections of the mornings since, and the ones done on their day
    _catch_up([c["id"] for c in made.values()], now)
    _inspect(seed, made, "SZ", now)

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
