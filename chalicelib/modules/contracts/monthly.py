"""The contracts' sheets of the monthly report (月度报表, figures/sections.py), in Chinese like the
report: **巡检** — per outlet of the scope (the network's: every service outlet, then 全网) the
inspections due in the month (应巡检: occurrences whose working day falls in it) and what became
of them (已完成 by their period's end, 逾期未完成: the period over, not done, 逾期完成, 未到期: the
period not over at the month's end, 已取消) — and **巡检明细**, a row per occurrence.

Whether an occurrence's period is over is judged at the month's end (24:00 of its last day in
the outlet's time zone; a month not over yet: now), so the time of the run changes nothing;
its completion (on time, late) as known when the report runs — a late inspection done after
the month shows as 逾期完成 in a rerun. A rerun over the same orders gives the same sheets (and
the same bytes: the workbook's time is the month's end). Reads per outlet: one range query of its month of
occurrences (gsi1 OUTLET#<o>#INSPECTIONS, by working day) and one BatchGetItem of their orders."""

from __future__ import annotations

import calendar
from datetime import date, datetime

from chalicelib.kernel.labels import label, wall_clock
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.modules.contracts import occurrences
from chalicelib.modules.contracts.domain.inspections import end_of_day
from chalicelib.modules.directory import public as directory

NETWORK = "NETWORK"  # the figures' scope of the whole network
NETWORK_NAME = "全网"
# 应巡检, then the results counted (vocabulary inspection_result; `open` is 未到期 here)
COUNTED = (("done", "已完成"), ("overdue", "逾期未完成"), ("late", "逾期完成"),
           ("open", "未到期"), ("cancelled", "已取消"))
COUNT_HEADERS = ["网点", "应巡检", *[name for _result, name in COUNTED]]
COUNT_WIDTHS = [16, 10, 10, 12, 10, 10, 10]
DETAIL_HEADERS = ["网点", "合同编号", "客户", "巡检对象", "计划日期", "巡检日", "期限", "工单号",
                  "结果", "完成时间"]
DETAIL_WIDTHS = [16, 20, 24, 22, 12, 12, 12, 20, 12, 17]


def outlets(scope: str) -> list[str]:
    """The outlets of a scope: itself, or every service outlet of the network, by code."""
    if scope != NETWORK:
        return [scope]
    return sorted(o.code for o in directory.all_outlets() if not o.is_head_office)


def month_end(outlet: str, month: str, now: datetime | None = None) -> datetime:
    """When the month ends at the outlet (its last day's 24:00), or now when that is earlier."""
    year, number = int(month[:4]), int(month[5:7])
    last = date(year, number, calendar.monthrange(year, number)[1])
    return min(end_of_day(last, directory.zone(outlet)), now or kernel_keys.utc_now())


def outlet_month(outlet: str, month: str, now: datetime | None = None) -> list[dict]:
    """The outlet's occurrences due in the month, each with its order's number, its result at
    the month's end and its completion time, by working day."""
    markers = occurrences.due_in_month(outlet, month)
    found = occurrences.orders_of(markers)
    now = now or kernel_keys.utc_now()
    ended = month_end(outlet, month, now)
    rows = []
    for marker in markers:
        order = found.get(marker.order_id)
        rows.append({"marker": marker,
                     "result": occurrences.result(marker, order, outlet, ended,
                                                  completions_until=now),
                     "completed_at": occurrences.completed_at(order),
                     "target_name": occurrences.target_name(marker, order)})
    return sorted(rows, key=lambda r: (r["marker"].due, r["marker"].contract_number or "",
                                       r["marker"].planned, r["marker"].target))


def counts(rows: list[dict]) -> dict[str, int]:
    tally = {"due": len(rows), **{result: 0 for result, _name in COUNTED}}
    for row in rows:
        tally[row["result"]] += 1
    return tally


def _count_cells(name: str, tally: dict[str, int]) -> list:
    return [name, tally["due"], *[tally[result] for result, _name in COUNTED]]


def _detail_cells(outlet_name: str, outlet: str, row: dict) -> list:
    marker = row["marker"]
    done = row["completed_at"]
    return [outlet_name, marker.contract_number or marker.contract_id,
            marker.customer_name or "—", row["target_name"] or "—",
            date.fromisoformat(marker.planned), date.fromisoformat(marker.due),
            date.fromisoformat(occurrences.period_end(marker)), marker.order_number,
            label("inspection_result", row["result"]),
            wall_clock(done, directory.zone(outlet)).replace(second=0, microsecond=0)
            if done else "—"]


def sheets(scope: str, month: str) -> list:
    """巡检 and 巡检明细 of a scope (an outlet or NETWORK) and month."""
    from chalicelib.modules.figures import public as figures

    tallies = figures.Sheet("巡检", COUNT_HEADERS, COUNT_WIDTHS)
    detail = figures.Sheet("巡检明细", DETAIL_HEADERS, DETAIL_WIDTHS)
    total = {"due": 0, **{result: 0 for result, _name in COUNTED}}
    for code in outlets(scope):
        rows = outlet_month(code, month)
        name = directory.outlet_name(code)
        tally = counts(rows)
        total = {k: total[k] + tally[k] for k in total}
        tallies.rows.append(_count_cells(name, tally))
        detail.rows.extend(_detail_cells(name, code, row) for row in rows)
    if scope == NETWORK:
        tallies.rows.append(_count_cells(NETWORK_NAME, total))
    return [tallies, detail]


def register() -> None:
    """The inspection sheets join the monthly report (the contracts area's setup)."""
    from chalicelib.modules.figures import public as figures

    figures.add_monthly_sheets("contracts", sheets)
