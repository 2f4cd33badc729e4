"""The demo's spare parts (issue 14): head office's catalogue, SZ's and CD's warehouses with their
opening stock, requisitions on live SZ orders in every queue (to approve, at head office, to
issue, to return), a transfer SZ → CD on its way, a count under way at SZ, and the nightly and
monthly jobs run once (purchase suggestions with their keeper notices, ABC classes).

Everything goes through the use cases, as the screens would do it."""

from __future__ import annotations

from datetime import datetime, timedelta

from chalicelib.kernel.store import keys
from chalicelib.modules.orders import usecases as work_orders

from .demo_data import PART_STOCK, PARTS


def _yuan(value: float) -> int:
    return int(round(value * 100))


def create_catalogue(actor) -> int:
    from chalicelib.modules.parts import catalogue

    for code, name, spec, unit, price, cost, expensive, supplier, models, groups in PARTS:
        catalogue.create(actor, {"code": code, "name": name, "spec": spec, "unit": unit,
                                 "list_price_fen": _yuan(price), "cost_fen": _yuan(cost),
                                 "expensive": expensive, "supplier": supplier,
                                 "models": models, "groups": groups})
    return len(PARTS)


def create_stock(keeper_of) -> int:
    """Each line's reorder point, maximum and bin, then its opening stock received."""
    from chalicelib.modules.parts import warehouse

    lines = 0
    for code, outlets in PART_STOCK.items():
        for outlet, (on_hand, reorder_point, max_level, bin_) in outlets.items():
            keeper = keeper_of(outlet)
            warehouse.save_settings(keeper, outlet, code, {
                "version": 0, "reorder_point": reorder_point, "max_level": max_level,
                "bin": bin_})
            warehouse.move(keeper, outlet, code, {"movement": "receive", "quantity": on_hand,
                                                  "note": "期初库存", "reference": "QC-2026-001"})
            lines += 1
    return lines


def _in_repair(seed, customer: dict, description: str, equipment_id: str | None,
               components: list[str], now: datetime) -> dict:
    """An SZ order driven to 维修中 (plan approved), its technician sz_tech1."""
    day = (now - timedelta(days=1)).date().isoformat()
    body = {"customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
            "type": "repair", "priority": "general", "channel": "phone",
            "description": description, "impact": "影响正常作业"}
    if equipment_id:
        body.update(equipment_id=equipment_id,
                    components=[{"component": c, "failure_date": day} for c in components])
    detail, _ = work_orders.create_order(seed._actor("sz_agent"), body, None)
    if detail.get("quote_required"):
        detail = seed._quote_confirmed(detail, "SZ")
    fault = (description, "部件损坏", "更换损坏部件并试运行")
    for action in ("dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan"):
        data = seed._step_data(action, "SZ", keys.utc_now(), seed.random.Random(7), fault)
        if action == "dispatch":
            data = {"technician": "sz_tech1", "helpers": []}
        detail = work_orders.apply_action(seed._who(action, "SZ", detail), detail["id"], action,
                                          {"version": detail["version"], "data": data})
    return detail


def _request(actor, order: dict, lines: list[tuple[str, int]], note: str) -> dict:
    from chalicelib.modules.parts import requisitions

    return requisitions.create(actor, {"order_id": order["id"], "note": note,
                                       "lines": [{"code": c, "quantity": q} for c, q in lines]})


def _act(actor, req: dict, action: str, body: dict | None = None) -> dict:
    from chalicelib.modules.parts import requisitions

    return requisitions.act(actor, req["order_id"], req["id"], action,
                            {"version": req["version"], **(body or {})})


def create_requisitions(seed, by_outlet: dict[str, list[dict]], now: datetime) -> int:
    """Four SZ orders in repair, one requisition each, in the queues a manager, head office and
    the keeper work through; the last one issued, received, and its order completed with one
    part used and one still to come back to the warehouse."""
    tech, manager, keeper = (seed._actor(u) for u in ("sz_tech1", "sz_manager", "sz_warehouse"))
    customers = by_outlet["SZ"]
    harvester = next(((c, e) for c in customers for e in c.get("equipment", [])
                      if e.get("serial_no") == seed.HARVESTER["serial_no"]), (customers[6], None))
    customer, unit = harvester
    orders = [
        _in_repair(seed, customer, "收割机无法启动，启动机无反应", unit and unit["id"], ["启动机"], now),
        _in_repair(seed, customers[7], "拖拉机发动机冒黑烟，动力不足", None, [], now),
        _in_repair(seed, customers[8], "离合器打滑，液压提升无力", None, [], now),
        _in_repair(seed, customers[9], "冷水机组频繁跳闸，控制板报警", None, [], now),
    ]
    # 1. waiting for the manager
    _request(tech, orders[0], [("QDJ-4LZ6", 1), ("JYLQ-4LZ", 2)], "启动机烧毁，顺带更换机滤")
    # 2. the injection pump (贵重配件): the manager approved, head office next
    pump = _request(tech, orders[1], [("PYB-YC6", 1)], "喷油泵柱塞磨损")
    _act(manager, pump, "approve", {"note": "情况属实"})
    # 3. approved: the keeper issues it
    clutch = _request(tech, orders[2], [("LQ-DP430", 1), ("YYB-CBN", 1)], "压盘与齿轮泵同时更换")
    _act(manager, clutch, "approve")
    # 4. issued and received; the order completed with one of the two contactors unused
    board = _request(tech, orders[3], [("KZB-LSB500", 1), ("JCQ-LC1D", 2)], "控制板与接触器")
    board = _act(manager, board, "approve")  # the board is 2,850元: head office too
    board = _act(seed._actor("hq_admin"), board, "approve", {"note": "同意"})
    board = _act(keeper, board, "issue", {"lines": [{"code": "KZB-LSB500", "quantity": 1},
                                                    {"code": "JCQ-LC1D", "quantity": 2}]})
    _act(tech, board, "receive")
    detail = orders[3]  # requisitions leave the order's own version as it was
    data = {"fault_cause": "主控制板电源模块击穿，接触器触点烧蚀",
            "solution": "更换主控制板与一只交流接触器，试运行 2 小时正常",
            "parts_replaced": [{"name": "主控制板", "code": "KZB-LSB500", "quantity": 1},
                               {"name": "交流接触器", "code": "JCQ-LC1D", "quantity": 1}]}
    data = seed._evidence("complete", tech, detail, data, keys.utc_now(), 3)
    keys.set_clock(None)
    work_orders.apply_action(tech, detail["id"], "complete",
                             {"version": detail["version"], "data": data})
    return 4


def create_transfer(seed) -> int:
    """CD is short of oil filters: SZ sends 10, on their way."""
    from chalicelib.modules.parts import transfers

    keeper = seed._actor("sz_warehouse")
    made = transfers.create(keeper, {"from_outlet": "SZ", "to_outlet": "CD",
                                     "lines": [{"code": "JYLQ-4LZ", "quantity": 10}],
                                     "note": "成都站机滤告急，先调 10 个"})
    transfers.act(keeper, made["id"], "send", {"version": made["version"], "note": "顺丰陆运"})
    return 1


def create_count(seed) -> int:
    """SZ's keeper started a count of the filters' shelf; two lines counted, one short."""
    from chalicelib.modules.parts import counts

    keeper = seed._actor("sz_warehouse")
    started = counts.start(keeper, "SZ", {"note": "C 区滤清器月度盘点",
                                          "codes": ["KQLQ-4LZ", "CYLQ-GF200", "JYLQ-4LZ"]})
    counts.count_line(keeper, "SZ", started["id"], "KQLQ-4LZ", {"counted": 18})
    counts.count_line(keeper, "SZ", started["id"], "CYLQ-GF200",
                      {"counted": 3, "reason": "一只滤芯包装破损，已报废待处理"})
    return 1


def seed_parts(seed, by_outlet: dict[str, list[dict]], now: datetime) -> dict:
    from chalicelib.modules.parts import jobs

    parts = create_catalogue(seed._actor("hq_admin"))
    lines = create_stock(lambda outlet: seed._actor(f"{outlet.lower()}_warehouse"))
    requisitions = create_requisitions(seed, by_outlet, now)
    create_transfer(seed)
    create_count(seed)
    # the nightly job has run once (purchase suggestions, the keepers' 库存预警 notices) and so
    # has the monthly one (ABC classes from what was issued)
    jobs.nightly({}, None)
    jobs.monthly({}, None)
    return {"parts": parts, "stock_lines": lines, "requisitions": requisitions}
