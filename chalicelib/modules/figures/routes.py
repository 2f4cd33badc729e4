"""Head office and managers: key figures, data exports and the monthly reports."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, lang, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.figures.domain.export_request import EXPORT_SCHEMA

exports = lazy("chalicelib.modules.figures.exports")
kpi = lazy("chalicelib.modules.figures.kpi")
monthly = lazy("chalicelib.modules.figures.monthly")
bp = Blueprint(__name__)


@endpoint(bp, "/api/kpi/summary", "GET", summary="Monthly figures of an outlet or the network",
          response="KpiSummary", query=("scope", "from", "to"),
          errors=(400, 401, 403, 404), permission="figures.kpi")
def kpi_summary():
    return reply(kpi.summary(actor(), query()))


@endpoint(bp, "/api/kpi/orders", "GET", summary="The orders behind a figure (drill-down)",
          response="KpiOrders",
          query=("scope", "month", "metric", "clock", "technician", "type", "priority"),
          required=("month", "metric"), errors=(400, 401, 403, 404), permission="figures.kpi")
def kpi_orders():
    return reply(kpi.orders_behind(actor(), query()))


@endpoint(bp, "/api/exports", "POST", status=202, body=EXPORT_SCHEMA,
          summary="Start an export job (the file is written outside the request)",
          response="ExportJob", errors=(400, 401, 403, 404), permission="figures.exports")
def start_export():
    return reply(exports.start(actor(), json_body(), lang()), 202)


@endpoint(bp, "/api/exports", "GET", summary="Recent export jobs of the caller's scope",
          response="ExportJobList", errors=(401, 403), permission="figures.exports")
def list_exports():
    return reply(exports.recent(actor()))


@endpoint(bp, "/api/exports/{export_id}", "GET",
          summary="An export job; when done, with a short-lived download link",
          response="ExportJob", errors=(401, 403, 404), permission="figures.exports")
def get_export(export_id):
    return reply(exports.get(actor(), export_id))


@endpoint(bp, "/api/exports/{export_id}/retry", "POST",
          summary="Queue a failed or stuck export job again (a queued or running one is "
                  "returned as it is)",
          response="ExportJob", errors=(401, 403, 404, 409), permission="figures.exports")
def retry_export(export_id):
    return reply(exports.retry(actor(), export_id))


@endpoint(bp, "/api/monthly-reports", "GET", summary="Monthly reports of a year",
          response="MonthlyReportList", query=("year",), errors=(400, 401, 403),
          permission="figures.monthly.read")
def list_monthly_reports():
    return reply(monthly.listing(actor(), query(), lang()))


@endpoint(bp, "/api/monthly-reports/{month}/run", "POST",
          summary="Build (or rebuild) a past month's reports now",
          response="MonthlyReportList", errors=(400, 401, 403), permission="figures.monthly.run")
def run_monthly_report(month):
    return reply(monthly.run_now(actor(), month, lang()))
