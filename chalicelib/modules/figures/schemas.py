"""What the figures area answers: key figures, their drill-down, export jobs and monthly
reports (OpenAPI components)."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, NINT, NSTR, STR, array, enum, items_of, nullable, obj, ref
from chalicelib.modules.figures.domain.export_request import ERROR_CODES, FORMATS, KINDS
from chalicelib.modules.figures.domain.kpi import DURATIONS, SCORES, SLA_CLOCKS

EXPORT_STATES = ("queued", "running", "done", "failed")
_RATE = nullable({"type": "number"})  # a share 0..1, or an average; null when nothing counted
# orders received or completed in the month: in all, per order type, per priority
_COUNTS = obj({"total": INT, "by_type": ref("OrderTypeCounts"),
               "by_priority": ref("PriorityCounts")})

SCHEMAS: dict[str, dict] = {
    "MonthKpi": obj({
        "month": STR, "updated_at": STR, "received": _COUNTS, "completed": _COUNTS,
        "sla": obj({clock: obj({"met": INT, "missed": INT, "rate": _RATE})
                    for clock in SLA_CLOCKS}),
        "durations": obj({name: obj({"count": INT, "mean_minutes": _RATE, "p90_minutes": _RATE})
                          for name in DURATIONS}),
        "satisfaction": obj({"count": INT, **{score: _RATE for score in SCORES}}),
        "repeat_repairs": obj({"count": INT, "rate": _RATE}),
        # `clocks` and `allowance_base` (the appraisal's) are absent from months summarised
        # before they existed
        "technicians": array(obj({
            "username": STR, "name": STR, "outlet": NSTR, "completed": INT, "on_time": INT,
            "on_time_rate": _RATE, "satisfaction": _RATE, "visits": INT, "repeat_repairs": INT,
            "clocks": obj({clock: obj({"met": INT, "missed": INT, "rate": _RATE})
                           for clock in SLA_CLOCKS}),
            "allowance_base": INT}, required=[
                "username", "name", "outlet", "completed", "on_time", "on_time_rate",
                "satisfaction", "visits", "repeat_repairs"])),
        # NETWORK scope only ([] for an outlet)
        "outlets": array(obj({
            "outlet": STR, "name": STR, "received": INT, "completed": INT, "sla_rate": _RATE,
            "satisfaction": _RATE})),
    }),
    "KpiSummary": obj({"scope": STR, "months": array(ref("MonthKpi"))}),
    "KpiOrders": obj({"items": array(obj({
        "order_id": STR, "number": STR, "outlet": STR, "customer_name": STR, "technician": NSTR,
        "technician_name": NSTR, "type": ref("OrderType"), "priority": ref("Priority"),
        "at": STR}))}),
    "ExportJob": obj({
        "id": STR, "kind": enum(KINDS), "format": enum(FORMATS),
        "filters": obj({"outlets": array(STR), "from": STR, "to": STR}),
        "status": enum(EXPORT_STATES),
        # queued or running for too long (not taken by a worker, or its worker died): retry it
        "stuck": BOOL, "rows": INT,
        "requested_by": STR, "requested_by_name": STR, "created_at": STR, "finished_at": NSTR,
        # why a failed job failed, as a message code (the exception itself is in the log)
        "error": nullable(enum(ERROR_CODES)),
        "filename": NSTR, "size": NINT, "download_url": NSTR}),
    "ExportJobList": items_of("ExportJob"),
    "MonthlyReportList": obj({"items": array(obj({
        "month": STR, "scope": STR, "scope_name": STR, "generated_at": STR, "size": INT,
        "runs": INT, "url": STR}))}),
}
