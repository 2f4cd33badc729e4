"""The contracts' sheets of the monthly report (月度报表, figures/sections.py), in Chinese like the
report: **巡检** — per outlet of the scope (the network's: every service outlet, then 全网) the
inspections due in the month (应巡检: occurrences whose working day falls in it) and what became
of them (已完成 by their period's end, 待完成: the period not over at the month's end, 已取消),
and the inspections whose period ended in the month 逾期未完成 (the period over, not done) or
逾期完成 (done after it) — a quarterly inspection due in January is 应巡检 in January and, if
not done by 31 March, 逾期 in March's sheet — and **巡检明细**, a row per occurrence counted.

Whether an occurrence's period is over is judged at the month's end (24:00 of its last day in
the outlet's time zone; a month not over yet: now), so the time of the run changes nothing;
its completion (on time, late) as known when the report runs — a late inspection done after
the month shows as 逾期完成 in a rerun. A rerun over the same orders gives the same sheets (and
the same bytes: the workbook's time is the month's end). Reads per outlet: two range queries of
its month of occurrences (gsi1 OUTLET#<o>#INSPECTIONS by working day, gsi2
OUTLET#<o>#INSPECTIONENDS by the period's last day) and one BatchGetItem of their orders."""

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
# 应巡检, then the results counted, headed by the vocabulary's names (inspection_result)
COUNTED = ("done", "overdue", "late", "open", "cancelled")
LATE = ("overdue", "late")  # counted in the month the period ends


def count_headers() -> list[str]:
    """网点, 应巡检, then each result's name in the vocabulary (read when the report runs)."""
    return ["网点", "应巡检", *[label("inspection_result", result) for result in COUNTED]]


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
    """The outlet's occurrences of the month, each with its order's number, its result at the
    month's end, its completion time and whether it is due in the month (`due_here`, 应巡检),
    by working day: those due in the month (a period ending later: 已完成 when done by its end,
    已取消, else 待完成 — its lateness is the month's where the period ends), and those of an
    earlier month whose period ended in this one overdue or done late."""
    due = occurrences.due_in_month(outlet, month)
    seen = {(m.contract_id, m.planned, m.target) for m in due}
    ending = [m for m in occurrences.ending_in_month(outlet, month)
              if (m.contract_id, m.planned, m.target) not in seen]
    found = occurrences.orders_of([*due, *ending])
    now = now or kernel_keys.utc_now()
    ended = month_end(outlet, month, now)
    rows = []
    for marker in [*due, *ending]:
        order = found.get(marker.order_id)
        ends_here = occurrences.period_end(marker)[:7] == month
        result = occurrences.result(marker, order, outlet, ended, completions_until=now)
        if not ends_here and result in LATE:
            result = "open"  # at the month's end the period was not over
        due_here = (marker.contract_id, marker.planned, marker.target) in seen
        if not due_here and result not in LATE:
            continue  # done by its period's end or cancelled: its own month counted it
        rows.append({"marker": marker, "result": result, "due_here": due_here,
                     "completed_at": occurrences.completed_at(order),
                     "target_name": occurrences.target_name(marker, order)})
    return sorted(rows, key=lambda r: (r["marker"].due, r["marker"].contract_number or "",
                                       r["marker"].planned, r["marker"].target))


def counts(rows: list[dict]) -> dict[str, int]:
    tally = {"due": sum(1 for r in rows if r["due_here"]), **{result: 0 for result in COUNTED}}
    for row in rows:
        tally[row["result"]] += 1
    return tally


def _count_cells(name: str, tally: dict[str, int]) -> list:
    return [name, tally["due"], *[tally[result] for result in COUNTED]]


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

    tallies = figures.Sheet("巡检", count_headers(), COUNT_WIDTHS)
    detail = figures.Sheet("巡检明细", DETAIL_HEADERS, DETAIL_WIDTHS)
    total = {"due": 0, **{result: 0 for result in COUNTED}}
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
