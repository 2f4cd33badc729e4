"""Deadlines: the at-risk view, the SLA policy, the working calendar, outlets' working hours."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, lang, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.sla import bodies

sla_admin = lazy("chalicelib.modules.sla.admin")
bp = Blueprint(__name__)


@endpoint(bp, "/api/sla/at-risk", "GET", summary="Orders with a clock breached or due soon",
          response="AtRiskList", query=("outlet", "horizon_hours"),
          errors=(400, 401, 403, 404), permission="sla.at_risk")
def at_risk():
    return reply(sla_admin.at_risk(actor(), query(), lang()))


@endpoint(bp, "/api/sla/acknowledgements", "POST", summary="Acknowledge a clock's breach with a note",
          response="SlaAcknowledgementResult", body=bodies.ACKNOWLEDGE_BODY,
          errors=(400, 401, 403, 404, 409), permission="sla.acknowledge")
def acknowledge():
    return reply(sla_admin.acknowledge(actor(), json_body()))


@endpoint(bp, "/api/sla/policy", "GET", summary="The SLA policy (network, outlet override)",
          response="PolicyView", query=("outlet",),
          errors=(401, 403, 404), permission="sla.policy.read")
def get_policy():
    return reply(sla_admin.policy_view(actor(), query().get("outlet")))


@endpoint(bp, "/api/sla/policy", "PUT", summary="Replace the network policy (new clocks only)",
          response="PolicyView", body=bodies.NETWORK_POLICY_BODY, errors=(400, 401, 403, 409),
          permission="sla.policy.write", fields_within="policy")
def put_policy():
    return reply(sla_admin.save_network_policy(actor(), json_body()))


@endpoint(bp, "/api/sla/policy/outlets/{code}", "PUT", summary="Set or remove an outlet's override",
          response="PolicyView", body=bodies.OUTLET_POLICY_BODY,
          errors=(400, 401, 403, 404, 409), permission="sla.policy.write", fields_within="policy")
def put_outlet_policy(code):
    return reply(sla_admin.save_outlet_policy(actor(), code, json_body()))


@endpoint(bp, "/api/sla/calendar", "GET", summary="A year's special days and working hours",
          response="CalendarYear", query=("year", "outlet"), errors=(400, 401, 404),
          permission="sla.calendar.read")
def get_calendar():
    params = query()
    return reply(sla_admin.calendar_view(actor(), params.get("year"), params.get("outlet")))


@endpoint(bp, "/api/sla/calendar/days/{day}", "PUT", summary="Override one date",
          response="CalendarDay", body=bodies.DAY_SCHEMA,
          errors=(400, 401, 403), permission="sla.calendar.write")
def put_calendar_day(day):
    return reply(sla_admin.save_day(actor(), day, json_body()))


@endpoint(bp, "/api/sla/calendar/days/{day}", "DELETE", summary="Remove a date's override",
          response="CalendarDay", errors=(400, 401, 403, 404), permission="sla.calendar.write")
def delete_calendar_day(day):
    return reply(sla_admin.delete_day(actor(), day))


@endpoint(bp, "/api/sla/calendar/years/{year}", "PUT", summary="Mark a year's schedule entered",
          response="CalendarYear", body=bodies.YEAR_BODY,
          errors=(400, 401, 403), permission="sla.calendar.write")
def put_calendar_year(year):
    return reply(sla_admin.confirm_year(actor(), year, json_body()))


@endpoint(bp, "/api/outlets/{code}/working-hours", "PUT", summary="An outlet's working hours",
          response="CalendarYear", body=bodies.WORKING_HOURS_BODY,
          errors=(400, 401, 403, 404), permission="sla.calendar.write")
def put_working_hours(code):
    return reply(sla_admin.save_working_hours(actor(), code, json_body()))
