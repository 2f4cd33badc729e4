"""The monthly appraisal in the monthly report (月度报表): the sheets 考核 (a line per technician
of the scope's outlets, as signed or, not yet signed, as computed when the report is made) and
考核调整 (the late changes to signed months the month counts), registered with the figures' monthly sheets
in the area's setup. In Chinese, like the report."""

from __future__ import annotations

from chalicelib.kernel.labels import label
from chalicelib.modules.directory import public as directory
from chalicelib.modules.figures import public as figures
from chalicelib.modules.technicians import appraisal
from chalicelib.modules.technicians.domain.appraisal import CLOCKS

NETWORK = "NETWORK"
MONEY_FIELDS = ("penalties_fen", "rewards_fen")


def _outlets(scope: str) -> list[str]:
    if scope != NETWORK:
        return [scope]
    return sorted(o.code for o in directory.all_outlets() if not o.is_head_office)


def _share(value: float | None):
    return "—" if value is None else figures.Share(value)


def _yuan(fen: int | float | None):
    return "—" if fen is None else round(fen / 100, 2)


def _state(view: dict) -> str:
    state = label("appraisal_state", view["state"])
    if view["state"] == "signed":
        return f"{state}（{view['signed_by_name'] or view['signed_by']}）"
    return f"{state}（截至报表生成）"


def sheets(scope: str, month: str) -> list:
    """考核 and 考核调整 of a scope (an outlet or NETWORK) and month."""
    main = figures.Sheet(
        "考核", ["工程师", "账号", "网点", "状态", "完成工单", "按时完成", "按时率",
                 *[f"{label('clock', c)}按时率" for c in CLOCKS], "满意度", "回访次数",
                 "有效投诉", "重复维修", "处罚次数", "处罚金额（元）", "奖励次数",
                 "奖励金额（元）", "服务津贴基数"],
        [12, 14, 16, 18, 10, 10, 10, *[12] * len(CLOCKS), 10, 10, 10, 10, 10, 14, 10, 14, 14])
    changes = figures.Sheet("考核调整", ["工程师", "账号", "网点", "所属月份", "项目", "签字时",
                                         "现在", "差额"], [12, 14, 16, 10, 16, 10, 10, 10])
    for code in _outlets(scope):
        view = appraisal.month_view(code, month)
        for r in view["rows"]:
            main.rows.append([
                r["name"], r["username"], view["outlet_name"], _state(view), r["completed"],
                r["on_time"], _share(r["on_time_rate"]),
                *[_share(r["clocks"][c]["rate"]) for c in CLOCKS],
                "—" if r["satisfaction"] is None else r["satisfaction"], r["visits"],
                r["valid_complaints"], r["repeat_repairs"], r["penalties"],
                _yuan(r["penalties_fen"]), r["rewards"], _yuan(r["rewards_fen"]),
                r["allowance_base"]])
        for adjustment in view["adjustments"]:
            for change in adjustment["changes"]:
                money = change["field"] in MONEY_FIELDS
                shown = _yuan if money else (lambda v: "—" if v is None else v)
                main_name = label("appraisal_field", change["field"])
                changes.rows.append([
                    adjustment["name"], adjustment["username"], view["outlet_name"],
                    adjustment["month"], main_name + ("（元）" if money else ""),
                    shown(change["signed"]), shown(change["now"]), shown(change["delta"])])
    return [main, changes] if changes.rows else [main]


def register() -> None:
    """The appraisal's sheets join the monthly report (the technicians area's setup)."""
    figures.add_monthly_sheets("technicians", sheets)
