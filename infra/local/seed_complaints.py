"""The demo's complaints, consultations and conduct ledger (issue 15): SZ and CD complaints in every
state of the process — to judge (its 24 h clock on 时限预警), routed to head office's quality
department, half-way through the steps with a "not satisfied" loop, a repeat about 张伟 with
its doubled proposal, closed with a 200元 penalty in his ledger, unfounded with its explanation
— last month's for the rate, a draft from a return visit, and a reward in a technician's
ledger. (Consultations: seed_consultations.py.)

Everything goes through the use cases, as the screens would do it, at the moments it happened
(the clock set back)."""

from __future__ import annotations

from datetime import datetime, timedelta

from .moments import at as _at


def _record(seed, user: str, **body) -> dict:
    from chalicelib.modules.complaints import usecases as complaints

    return complaints.record(seed._actor(user), {"channel": "phone", **body})


def _act(seed, complaint: dict, action: str, user: str, **data) -> dict:
    from chalicelib.modules.complaints import usecases as complaints

    return complaints.act(seed._actor(user), complaint["id"], action,
                          {"version": complaint["version"], "data": data})


def _steps_to_close(seed, c: dict, manager: str, agent: str, *, penalty: dict | None,
                    owner: str, due: str, loop: bool = False) -> dict:
    c = _act(seed, c, "judge", manager, stands=True)
    c = _act(seed, c, "record_cause", manager, cause="技术员未按约定时间上门，且未提前告知客户")
    c = _act(seed, c, "propose_solution", manager, solution="经理致电道歉，免收本次上门费")
    c = _act(seed, c, "approve_solution", manager)
    if loop:
        c = _act(seed, c, "notify_customer", agent, channel="phone", answer="not_satisfied",
                 note="客户要求书面道歉")
        c = _act(seed, c, "propose_solution", manager,
                 solution="经理上门书面道歉，免收本次上门费并赠送一次保养")
        c = _act(seed, c, "approve_solution", manager)
    c = _act(seed, c, "notify_customer", agent, channel="phone", answer="satisfied")
    c = _act(seed, c, "record_responsibility", manager, kind="person",
             person=c["about"]["staff"])
    c = _act(seed, c, "decide_penalty", manager, **(penalty or {
        "decision": "none", "reason": "初次发生，批评教育"}))
    c = _act(seed, c, "plan_improvement", manager, measure="每日派工单注明约定时间，出发前电话确认",
             owner=owner, due_date=due)
    return _act(seed, c, "close", manager, summary="已向客户道歉并落实改善措施，客户满意")


def create_complaints(seed, by_outlet: dict, now: datetime) -> int:
    made = 0
    sz = by_outlet["SZ"][0]
    last_month = (now.replace(day=1) - timedelta(days=1)).replace(day=10, hour=2)
    # last month (the rate's month): SZ valid and unfounded, CD valid
    with _at(last_month):
        c = _record(seed, "sz_agent", kind="service_solicitation", about={"staff": "sz_tech1"},
                    complainant={"name": "何先生", "phone": "13922220001"},
                    content="维修完成后技术员提出让客户请吃饭", demand="批评教育，今后杜绝")
        _steps_to_close(seed, c, "sz_manager", "sz_agent", owner="sz_manager",
                        due=(last_month + timedelta(days=20)).date().isoformat(),
                        penalty={"decision": "penalty", "penalty_kind": "fine",
                                 "amount_fen": 20000, "reason": "索要吃请，按规定罚款"})
        c = _record(seed, "sz_agent", kind="service_charges", about={"staff": "sz_tech3"},
                    complainant={"name": "钱女士", "phone": "13922220002"},
                    content="认为上门费收取过高", demand="退还上门费")
        _act(seed, c, "judge", "sz_manager", stands=False,
             reason="上门费按公司价目表收取，报价单有客户签字确认",
             explanation={"text": "已电话向客户出示价目表及签字报价单，客户表示理解",
                          "channel": "phone"})
        c = _record(seed, "cd_agent", kind="quality", about={"staff": "cd_tech1"},
                    complainant={"name": "孙经理", "phone": "13822220003"},
                    content="新换的密封件一周内再次渗漏", demand="免费更换并检查同批次配件",
                    quality={"part_no": "SEAL-40", "quantity": 2, "defective": 2})
        _act(seed, c, "judge", "cd_manager", stands=True)
        made += 3
    # this month: 张伟 again, same kind within 90 days (重复反映, 400元 proposed), half-way
    with _at(now - timedelta(days=2)):
        c = _record(seed, "sz_agent", kind="service_solicitation", about={"staff": "sz_tech1"},
                    channel="visit", complainant={"name": "周先生", "phone": "13922220004"},
                    content="技术员暗示需要红包才能尽快维修", demand="更换技术员并道歉")
        c = _act(seed, c, "judge", "sz_manager", stands=True)
        c = _act(seed, c, "record_cause", "sz_manager", cause="经调查属实，技术员有暗示行为")
        c = _act(seed, c, "propose_solution", "sz_manager", solution="更换技术员，经理上门道歉")
        c = _act(seed, c, "approve_solution", "sz_manager")
        c = _act(seed, c, "notify_customer", "sz_agent", channel="phone",
                 answer="not_satisfied", note="客户要求免除本次维修人工费")
        c = _act(seed, c, "propose_solution", "sz_manager",
                 solution="更换技术员，经理上门道歉，免除本次人工费")
        c = _act(seed, c, "approve_solution", "sz_manager")
        c = _act(seed, c, "notify_customer", "sz_agent", channel="phone", answer="satisfied")
        _act(seed, c, "record_responsibility", "sz_manager", kind="person", person="sz_tech1")
        # a quality complaint routed to head office's 质量部
        c = _record(seed, "sz_agent", kind="quality", about={"staff": "sz_tech2"},
                    complainant={"name": sz["name"], "phone": "13922220005",
                                 "customer_id": sz["id"]},
                    content="新装冷水机组压缩机异响", demand="派厂家工程师检测，必要时更换",
                    quality={"order_ref": "SO-2026-0931", "part_no": "CMP-500",
                             "shipped_on": (now - timedelta(days=40)).date().isoformat(),
                             "quantity": 1, "defective": 1})
        c = _act(seed, c, "judge", "sz_manager", stands=True)
        _act(seed, c, "record_cause", "hq_admin", cause="质量部检测：压缩机轴承装配不良")
        made += 2
    # today: waiting to be judged (the clock on 时限预警), and one about the manager (head office)
    with _at(now - timedelta(hours=20)):
        _record(seed, "sz_agent", kind="service_lateness", about={"staff": "sz_tech2"},
                complainant={"name": "郑先生", "phone": "13922220006"},
                content="约好上午上门，下午三点才到，未提前通知", demand="道歉并说明原因")
        _record(seed, "cd_agent", kind="service_attitude", about={"staff": "cd_manager"},
                complainant={"name": "冯女士", "phone": "13822220007"},
                content="投诉网点经理电话中态度生硬", demand="总部核实并回复")
        made += 2
    return made


def create_visit_draft(seed) -> int:
    """An SZ order's return visit where the customer says the technician asked for a meal: a
    draft complaint waits for the desk."""
    from chalicelib.modules.orders import store as order_store
    from chalicelib.modules.orders import usecases as work_orders

    waiting = order_store.orders_in_state("SZ", "accepted", 5).items
    if not waiting:
        return 0
    order = order_store.get_order(waiting[0].id)  # the list's row carries no version
    work_orders.apply_action(seed._actor("sz_agent"), order.id, "return_visit", {
        "version": int(order.version), "data": {
            "channel": "phone", "scores": {"attitude": 3, "skill": 4, "punctuality": 4,
                                           "result": 4, "overall": 3},
            "conduct": {"gifts": False, "tips": False, "meals": True},
            "suggestions": "希望技术员按时上门", "comments": "维修结果满意，但师傅要求中午请吃饭"}})
    return 1


def create_reward(seed) -> None:
    from chalicelib.modules.conduct import usecases as conduct

    conduct.add(seed._actor("sz_manager"), "sz_tech2", {
        "kind": "reward", "amount_fen": 30000,
        "reason": "客户来信表扬：连夜抢修冷水机组，保障医院手术室供冷"})


def seed_complaints(seed, by_outlet: dict, now: datetime) -> dict:
    from chalicelib.modules.complaints import rate

    made = create_complaints(seed, by_outlet, now)
    drafts = create_visit_draft(seed)
    create_reward(seed)
    rate.run(None, now)  # last month's rate, as the job on the 1st made it
    return {"complaints": made, "drafts": drafts}
