"""The monthly complaint rate (月度投诉率): an outlet's or the network's month as the job built
it, and head office's rebuild of a past month (rate.py)."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, lang, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.complaints.schemas import RUN_BODY

rate = lazy("chalicelib.modules.complaints.rate")
bp = Blueprint(__name__)


@endpoint(bp, "/api/complaints/rate", "GET", summary="A month's complaint rate of an outlet or "
          "the network (valid complaints ÷ accepted orders, by kind and by responsible "
          "department, with the list behind each figure); month defaults to last month, outlet "
          "to the manager's own or, for head office, NETWORK; 404 not_built before the job "
          "built the month", response="ComplaintRate", query=("month", "outlet"),
          errors=(400, 401, 403, 404), permission="complaints.rate.read")
def get_complaint_rate():
    return reply(rate.read(actor(), query(), lang()))


@endpoint(bp, "/api/complaints/rate/runs", "POST", summary="Build (or rebuild) a past month's "
          "complaint rate now, for every outlet and the network (head office is told once per "
          "month); answers the network's", response="ComplaintRate", body=RUN_BODY,
          errors=(400, 401, 403), permission="complaints.rate.run")
def run_complaint_rate():
    return reply(rate.run_now(actor(), json_body(), lang()))
