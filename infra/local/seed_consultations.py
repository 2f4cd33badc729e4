"""The demo's consultations (咨询与信息交接, issue 15): questions and information waiting at the
SZ desk — one a technician took an hour ago (hand-over running), one from yesterday afternoon
whose hand-over is overdue (on 时限预警), one the desk recorded itself (taken over at once, its
answer clock running), one answered, one turned into a work order — and one at CD.

Everything goes through the use cases, at the moments it happened (the clock set back); the
received times stay within the week the API accepts."""

from __future__ import annotations

from datetime import datetime, timedelta

from .moments import at as _at


def _record(seed, user: str, at: datetime, **body) -> dict:
    from chalicelib.modules.consultations import usecases as consultations

    with _at(at):
        return consultations.record(seed._actor(user), {"channel": "phone", **body})


def _act(seed, consultation: dict, action: str, user: str, at: datetime, **data) -> dict:
    from chalicelib.modules.consultations import usecases as consultations

    with _at(at):
        return consultations.act(seed._actor(user), consultation["id"], action,
                                 {"version": consultation["version"], "data": data})


def seed_consultations(seed, by_outlet: dict, now: datetime) -> int:
    """Six consultations (five at SZ, one at CD); returns how many."""
    from chalicelib.modules.orders import usecases as work_orders

    _record(seed, "sz_tech1", now - timedelta(hours=1), kind="information",
            customer_name="深圳华强电子厂 刘工", phone="13912345601",
            content="巡检时客户反映 3 号冷水机组夜间偶有高压报警，请服务部联系安排检查")
    _record(seed, "sz_tech2", now - timedelta(days=1, hours=2), kind="question",
            customer_name="南山科技园物业 陈经理", phone="13912345602", channel="visit",
            content="客户询问冷却塔填料更换周期及费用，现场无法答复")
    _record(seed, "sz_agent", now - timedelta(hours=3), kind="question",
            customer_name="宝安制衣厂 王主任", phone="13912345603",
            content="咨询空调保养合同续签及价格")
    answered = _record(seed, "sz_warehouse", now - timedelta(hours=6), kind="question",
                       customer_name="龙岗物流园 赵先生", phone="13912345604",
                       content="询问过滤网备件是否有库存")
    answered = _act(seed, answered, "take_over", "sz_agent", now - timedelta(hours=5))
    _act(seed, answered, "answer", "sz_support", now - timedelta(hours=4),
         text="过滤网有现货，已告知客户可到网点自提或随下次保养更换")
    customer = by_outlet["SZ"][5]
    broken = _record(seed, "sz_manager", now - timedelta(hours=5), kind="information",
                     customer_name=customer["name"], phone=customer["phone"],
                     customer_id=customer["id"], content="客户来电：2 号机组停机，需要上门维修")
    with _at(now - timedelta(hours=4, minutes=30)):
        work_orders.create_order(seed._actor("sz_agent"), {
            "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
            "type": "repair", "priority": "general", "channel": "phone",
            "description": "2 号机组停机（来自咨询）", "consultation_id": broken["id"]}, None)
    _record(seed, "cd_tech1", now - timedelta(hours=2), kind="question",
            customer_name="成都高新区 孙女士", phone="13912345606",
            content="询问中央空调冬季防冻注意事项")
    return 6
