"""The monthly cost report (月度费用统计, seed 004 §1 五.6 = 001 §13, due by the 4th): the sheets
费用 (a row per outlet of the scope — the network's: every service outlet, then 全网 — with
installation and dispatch person-times, person-days and cost, material, transport, the total
without contract installation guidance, what was collected and the budget used) and 费用明细
(one row per fee fact), registered with the figures' monthly report in the area's setup. In
Chinese, like the report.

Every figure is the month's fee facts' (facts.py, domain/facts.py: written with the events
that cause them), so a rebuild of a month gives the same sheets. Reads: one Query per outlet of
the scope (its month's partition: that month's facts only), shared by the two sheets."""

from __future__ import annotations

from chalicelib.kernel.labels import label, wall_clock
from chalicelib.modules.directory import public as directory
from chalicelib.modules.fees import facts
from chalicelib.modules.fees.domain import facts as rules
from chalicelib.modules.figures import public as figures

NETWORK = "NETWORK"
NETWORK_NAME = "全网"

COST_HEADERS = ["网点", "安装调试人次", "安装调试人天", "安装调试费用（元）",
                "合同指导安装调试费用（元，不计入总费用）", "派工人次", "派工人天", "派工费用（元）",
                "材料费用（元）", "运输费用（元）", "总费用（元，不含合同指导安装调试）", "收款（元）",
                "预算使用（元）"]
COST_WIDTHS = [16, 12, 12, 16, 16, 10, 10, 14, 14, 14, 18, 12, 14]
DETAIL_HEADERS = ["网点", "来源", "单号", "时间", "类型", "计入", "人次", "人天", "人工费用（元）",
                  "材料费用（元）", "运输费用（元）", "其他差旅费用（元）", "合同指导安装调试（元）",
                  "应收（元）", "收款（元）", "预算使用（元）"]
DETAIL_WIDTHS = [16, 10, 22, 17, 12, 10, 8, 8, 12, 12, 12, 14, 14, 12, 12, 12]


def _side(installation: bool) -> str:
    """Where an order's or a claim's cost counts: 安装调试 (the order type's name) or 派工."""
    return label("type", "installation") if installation else "派工"


def outlets(scope: str) -> list[str]:
    """The outlets of a scope: itself, or every service outlet of the network, by code."""
    if scope != NETWORK:
        return [scope]
    return sorted(o.code for o in directory.all_outlets() if not o.is_head_office)


def yuan(fen: int | None):
    return None if fen is None else round(int(fen) / 100, 2)


def cost_cells(name: str, row: dict[str, int]) -> list:
    """A row of 费用: counts as numbers, money in 元."""
    return [name, *[yuan(row[f]) if f.endswith("_fen") else row[f] for f in rules.ROW_FIELDS]]


def _source(fact) -> str:
    name = label("fee_fact", fact.fact)
    if fact.fact == "booking" and (fact.data or {}).get("source_kind"):
        name += f"·{label('budget_source', fact.data['source_kind'])}"
    return name


def detail_cells(outlet_name: str, fact) -> list:
    """A row of 费用明细: what the fact counts in the cost sheet (blank where it counts nothing)."""
    d = fact.data or {}
    kind = fact.fact
    cells: dict[str, object] = {}
    if kind == "order":
        labour = int(d.get("labour_cost_fen") or 0)
        cells = {"类型": label("type", d.get("type")), "计入": _side(bool(d.get("installation"))),
                 "人次": d.get("persons"), "人天": d.get("days"), "人工费用（元）": yuan(labour),
                 "材料费用（元）": yuan(d.get("material_cost_fen")),
                 "合同指导安装调试（元）": yuan(labour + int(d.get("material_cost_fen") or 0))
                 if d.get("contract_guidance") else None,
                 "应收（元）": yuan(d.get("charge_fen"))}
    elif kind == "claim":
        transport, other = rules.claim_trip_fen(d)
        cells = {"类型": label("budget_category", d.get("budget_category")),
                 "计入": _side(bool(d.get("installation"))), "运输费用（元）": yuan(transport),
                 "其他差旅费用（元）": yuan(other),
                 "合同指导安装调试（元）": yuan(other + transport)
                 if d.get("contract_guidance") else None}
    elif kind == "payment":
        cells = {"类型": label("payment_method", d.get("method")),
                 "收款（元）": yuan(d.get("amount_fen"))}
    elif kind == "booking":
        cells = {"类型": label("budget_category", d.get("category")),
                 "预算使用（元）": yuan(d.get("amount_fen"))}
    cells.update({"网点": outlet_name, "来源": _source(fact), "单号": d.get("number") or "—",
                  "时间": wall_clock(fact.at, directory.zone(fact.outlet)).replace(
                      second=0, microsecond=0)})
    return [cells.get(header) for header in DETAIL_HEADERS]


def _plain(fact) -> dict:
    return {"fact": fact.fact, "data": fact.data or {}}


def sheets(scope: str, month: str) -> list:
    """费用 and 费用明细 of a scope (an outlet or NETWORK) and month."""
    costs = figures.Sheet("费用", COST_HEADERS, COST_WIDTHS)
    detail = figures.Sheet("费用明细", DETAIL_HEADERS, DETAIL_WIDTHS)
    rows = []
    for code in outlets(scope):
        found = sorted(facts.month_facts(code, month), key=lambda f: (f.at, f.sk))
        name = directory.outlet_name(code)
        row = rules.cost_row([_plain(f) for f in found])
        rows.append(row)
        costs.rows.append(cost_cells(name, row))
        detail.rows.extend(detail_cells(name, f) for f in found)
    if scope == NETWORK:
        costs.rows.append(cost_cells(NETWORK_NAME, rules.add_rows(rows)))
    return [costs, detail]


def register() -> None:
    """The cost sheets join the monthly report (the fees area's setup)."""
    figures.add_monthly_sheets("fees", sheets)
