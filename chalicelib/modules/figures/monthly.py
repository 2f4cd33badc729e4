"""The monthly report (月度报表): last month's figures per outlet and for the network, as XLSX.

Run by a schedule on the 1st and again on the 5th (after the appraisals' sign-off, due by the
4th), by head office on demand, and for one outlet when its month's appraisal is signed (a job
queue message). A rerun for the same month rebuilds the figures and replaces the files and
their items (an older build never replaces a newer one's); head office is mailed once a month.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime

from chalicelib.kernel.access import sees_all_outlets
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.config import settings
from chalicelib.kernel.errors import NotFound, ValidationFailed
from chalicelib.kernel.labels import label
from chalicelib.kernel.observability import count, logger
from chalicelib.kernel.store import files as s3store
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.errors import AlreadyExists
from chalicelib.kernel.validation import parse_year
from chalicelib.modules.directory import public as directory
from chalicelib.modules.figures import kpi, kpi_store, sections, store
from chalicelib.modules.figures.domain.kpi import SCORES, SLA_CLOCKS, outlet_row
from chalicelib.modules.figures.exports import when
from chalicelib.modules.figures.models import MonthlyReport
from chalicelib.modules.notifications.public import MailOutbox

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# the clocks a completed order's row shows (the return visit comes after completion)
DETAIL_CLOCKS = tuple(c for c in SLA_CLOCKS if c != "return_visit")


def _key(month: str, scope: str) -> str:
    return f"monthly/{month}/{scope}.xlsx"


NETWORK_NAME = {"zh": "全网", "en": "Network total"}  # the network as a sheet names it


def _rate(value: float | None):
    from chalicelib.modules.figures.tabular import Percent

    return "—" if value is None else Percent(value)


def _num(value) -> object:
    return "—" if value is None else value


def _outlet(code: str | None) -> str:
    """An outlet's name for a cell ("" never: an unknown outlet keeps its code)."""
    if code == kpi.NETWORK:
        return NETWORK_NAME["zh"]
    return directory.outlet_name(code) or "—"


def _technician_outlet(row: dict, scope: str) -> str | None:
    """The outlet of a technician's line: the facts', else the directory's, else the scope's."""
    if row.get("outlet"):
        return row["outlet"]
    person = directory.staff(row["username"])
    if person is not None:
        return person.outlet
    return scope if scope != kpi.NETWORK else None


def month_end(month: str) -> datetime:
    """The instant a month ends (the next month's first midnight, UTC): what a monthly file
    says it was created at."""
    year, number = int(month[:4]), int(month[5:7])
    year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return datetime(year, number, 1, tzinfo=UTC)


def write_workbook(path_dir: str, scope: str, scope_name: str, month: str, figures: dict) -> str:
    """The month's workbook (in Chinese): numbers as numbers, shares as percentages, times as
    dates in the outlet's time zone, outlets by name, the network as 全网."""
    from chalicelib.modules.figures.tabular import Percent, TableFile

    # the file says it was made when the month ended, not at the run's second: a rerun over
    # the same facts gives the same bytes
    book = TableFile("xlsx", path_dir, created=month_end(month))
    book.sheet("概览", ["指标", "数值", "说明"], [30, 16, 60])
    book.row(["范围", scope_name, "各网点合计" if scope == kpi.NETWORK else ""])
    book.row(["月份", month, "统计口径：受理按登记时间，完成按客户验收时间，满意度按回访时间（网点时区）"])
    book.row(["受理工单", figures["received"]["total"], ""])
    for name, n in sorted(figures["received"]["by_type"].items()):
        book.row([f"　受理·{label('type', name)}", n, ""])
    for name, n in sorted(figures["received"]["by_priority"].items()):
        book.row([f"　受理·{label('priority', name)}", n, ""])
    book.row(["完成（验收）工单", figures["completed"]["total"], ""])
    for name, n in sorted(figures["completed"]["by_type"].items()):
        book.row([f"　完成·{label('type', name)}", n, ""])
    for clock, c in figures["sla"].items():
        book.row([f"时限达成率·{label('clock', clock)}", _rate(c["rate"]),
                  f"按时 {c['met']}，超时 {c['missed']}"])
    names = {"contact": "联系客户用时（分钟）", "arrival": "到场用时（分钟）",
             "completion": "完工用时（分钟）"}
    for name, d in figures["durations"].items():
        book.row([f"{names[name]}·平均", _num(d["mean_minutes"]), f"样本 {d['count']}"])
        book.row([f"{names[name]}·P90", _num(d["p90_minutes"]), ""])
    s = figures["satisfaction"]
    book.row(["回访次数", s["count"], ""])
    for key in SCORES:  # the return visit's scores (their names: the orders' vocabulary)
        book.row([f"满意度·{label('visit_score', key)}（1–5）", _num(s[key]), ""])
    r = figures["repeat_repairs"]
    book.row(["重复维修（30 天内同一设备）", r["count"], ""])
    book.row(["重复维修占受理比例", _rate(r["rate"]), ""])

    book.sheet("技术员", ["工程师", "账号", "网点", "完成工单", "按时完成", "按时率", "回访满意度",
                          "回访次数", "重复维修"], [12, 14, 16, 10, 10, 10, 12, 10, 10])
    for t in figures["technicians"]:
        book.row([t["name"], t["username"], _outlet(_technician_outlet(t, scope)), t["completed"],
                  t["on_time"], _rate(t["on_time_rate"]), _num(t["satisfaction"]), t["visits"],
                  t["repeat_repairs"]])
    if figures.get("outlets"):
        book.sheet("网点对比", ["网点", "受理", "完成", "时限达成率", "满意度"], [16, 10, 10, 12, 10])
        for o in figures["outlets"]:
            book.row([o["name"] or _outlet(o["outlet"]), o["received"], o["completed"],
                      _rate(o["sla_rate"]), _num(o["satisfaction"])])
        total = outlet_row(kpi.NETWORK, NETWORK_NAME["zh"], figures)
        book.row([NETWORK_NAME["zh"], total["received"], total["completed"],
                  _rate(total["sla_rate"]), _num(total["satisfaction"])])
    book.sheet("完成工单明细", ["工单号", "网点", "客户", "类型", "紧急程度", "维修工程师", "验收时间",
                                *[label("clock", c) for c in DETAIL_CLOCKS],
                                "完工用时（分钟）"], [20, 16, 24, 10, 10, 12, 17, 10, 10, 10, 10, 14])
    codes = [o["outlet"] for o in figures["outlets"]] if figures.get("outlets") else [scope]
    for code in codes:
        tz = directory.zone(code)
        for fact in kpi_store.facts(code, month):
            if fact.fact != "done":
                continue
            d = fact.data
            book.row([d["number"], _outlet(d.get("outlet") or code), d["customer_name"],
                      label("type", d["type"]), label("priority", d["priority"]),
                      d.get("technician_name") or d.get("technician") or "—", when(d["at"], tz),
                      *[label("outcome", (d.get("clocks") or {}).get(c)) or "—"
                        for c in DETAIL_CLOCKS],
                      _num((d.get("minutes") or {}).get("completion"))])
    for extra in sections.monthly_sheets(scope, month):  # other areas' sheets (the complaints')
        book.sheet(extra.name, extra.headers, extra.widths)
        for values in extra.rows:
            book.row([Percent(v) if isinstance(v, sections.Share) else v for v in values])
    return book.close()


def _build(month: str, scopes: list[tuple[str, str]]) -> list[MonthlyReport]:
    """Build the reports of `month` for these (scope, name): the figures rebuilt, the files
    written and their items replaced."""
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        for scope, name in scopes:
            began = keys.iso(keys.wall_now())
            figures = kpi.rebuild(scope, month)
            path = write_workbook(tmp, scope, name, month, figures)
            key = _key(month, scope)
            with open(path, "rb") as handle:
                written = s3store.s3().put_object(Bucket=s3store.bucket(), Key=key, Body=handle,
                                                  ContentType=XLSX)
            earlier = store.get_monthly(month, scope)
            item = MonthlyReport(month=month, scope=scope, s3_key=key,
                                 s3_version_id=written.get("VersionId"), size=os.path.getsize(path),
                                 generated_at=keys.iso(keys.utc_now()), built_from=began,
                                 runs=int(earlier.runs) + 1 if earlier else 1)
            if store.save_monthly(item):
                made.append(item)
            else:  # a build that began later stored its file first: it stands
                logger.info("monthly report superseded", extra={"month": month, "scope": scope})
    return made


def _scopes() -> list[tuple[str, str]]:
    return [(o.code, o.name) for o in kpi.outlets()] + [(kpi.NETWORK, NETWORK_NAME["zh"])]


def run(month: str | None = None) -> list[MonthlyReport]:
    """Build `month` (default: last month) for every outlet and the network; replace earlier
    runs; mail head office the first time."""
    month = month or kpi.previous_month(kpi.current_month(kpi.NETWORK))
    made = _build(month, _scopes())
    _announce(month, made)
    count("MonthlyReports")
    logger.info("monthly report done", extra={"month": month, "scopes": [m.scope for m in made]})
    return made


def rebuild(month: str, scopes: list[str]) -> list[MonthlyReport]:
    """Rebuild the reports of `month` already made for these scopes (an area's sheet of them
    changed: an appraisal signed after the report ran); a scope without a report yet is left
    to the month's runs (the 1st and the 5th). Nobody is mailed."""
    wanted = [(code, name) for code, name in _scopes()
              if code in scopes and store.get_monthly(month, code) is not None]
    made = _build(month, wanted)
    logger.info("monthly report rebuilt", extra={"month": month, "scopes": [m.scope for m in made]})
    return made


def rebuild_later(month: str, scopes: list[str]) -> bool:
    """Queue a rebuild (the job queue's worker runs `rebuild`); False when the queue did not
    take it (said in the log: head office can run the month again from 月度报表)."""
    try:
        store.enqueue_rebuild(month, scopes)
    except store.QueueUnavailable as error:
        logger.warning("monthly rebuild not queued", extra={"month": month, "error": str(error)})
        return False
    return True


def _announce(month: str, made: list[MonthlyReport]) -> None:
    people = [s for s in directory.outlet_staff("HQ", "head_office") if s.email and s.active]
    at = keys.iso(keys.utc_now())
    link = f"{settings().portal_url}/monthly-reports?year={month[:4]}"
    subject = f"【月度报表】{month} 售后服务月度报表已生成"
    text = (f"{month} 的售后服务月度报表（{len(made)} 份：各网点及全网）已生成，请在门户查看下载：{link}\n\n"
            f"The after-sales monthly report for {month} ({len(made)} files: each outlet and the "
            f"network) is ready: {link}")
    mails = [MailOutbox(id=keys.new_id("ml"), to=p.email, subject=subject, text=text, at=at)
             for p in people]
    try:
        store.queue_mail_once(f"MONTHLYMAIL#{month}", mails, at)
    except AlreadyExists:
        return  # announced by an earlier run of this month


# ---------------------------------------------------------------- the API side

# a month's file as a download names it, in the reader's language
FILE_NAME = {"zh": "月度报表 {month} {scope}.xlsx", "en": "Monthly report {month} {scope}.xlsx"}


def _view(item: MonthlyReport, lang: str = "zh") -> dict:
    name = NETWORK_NAME.get(lang, NETWORK_NAME["zh"]) if item.scope == kpi.NETWORK \
        else directory.outlet_name(item.scope, lang)
    filename = FILE_NAME.get(lang, FILE_NAME["zh"]).format(month=item.month, scope=name)
    return {"month": item.month, "scope": item.scope, "scope_name": name,
            "generated_at": item.generated_at, "size": int(item.size), "runs": int(item.runs),
            "url": s3store.presigned_get(item.s3_key, item.s3_version_id, XLSX, filename)}


def listing(actor: Actor, params: dict, lang: str = "zh") -> dict:
    year = params.get("year") or kpi.current_month(kpi.NETWORK)[:4]
    if parse_year(year) is None:
        raise ValidationFailed(fields={"year": ("pattern", {})})
    items = [i for i in store.monthly_of_year(year)
             if sees_all_outlets(actor) or i.scope == actor.outlet]
    return {"items": [_view(i, lang) for i in sorted(items, key=lambda i: (i.month, i.scope))]}


def run_now(actor: Actor, month: str, lang: str = "zh") -> dict:
    month = kpi._month(month, "month")
    if month >= kpi.current_month(kpi.NETWORK):
        raise ValidationFailed(fields={"month": ("past_month", {})})
    made = run(month)
    if not made:
        raise NotFound()
    return {"items": [_view(i, lang) for i in made]}
