"""The monthly appraisal (月度考核): an outlet's month per technician, and its sign-off
(appraisal.py)."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.technicians.appraisal_schemas import SIGN_BODY

appraisal = lazy("chalicelib.modules.technicians.appraisal")
bp = Blueprint(__name__)


@endpoint(bp, "/api/technicians/appraisals", "GET", summary="An outlet's monthly appraisal per "
          "technician (completed, on time per clock, satisfaction, valid complaints, repeat "
          "repairs, penalties and rewards, the allowance base) from the month's facts: computed "
          "now while open, as frozen once signed, with the signed previous month's adjustments; "
          "a manager their outlet, head office the outlet named (required); month defaults to "
          "this month", response="Appraisal", query=("outlet", "month"),
          errors=(400, 401, 403, 404), permission="technicians.appraisal.read")
def get_appraisal():
    return reply(appraisal.read(actor(), query()))


@endpoint(bp, "/api/technicians/appraisals/sign", "POST", summary="Sign an ended month's "
          "appraisal off as read (its version and digest): its rows are frozen once; later "
          "changes of that month show as adjustments in the next month (409 "
          "appraisal_month_open, appraisal_signed, appraisal_changed, stale_version)",
          response="Appraisal", body=SIGN_BODY, errors=(400, 401, 403, 404, 409),
          permission="technicians.appraisal.sign")
def sign_appraisal():
    return reply(appraisal.sign(actor(), json_body()))
