"""The conduct ledger (奖惩台账): a person's record, and entering a reward or a penalty."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, idempotency_key, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.conduct.schemas import LEDGER_BODY

conduct = lazy("chalicelib.modules.conduct.usecases")
bp = Blueprint(__name__)


@endpoint(bp, "/api/staff/{username}/record", "GET", summary="A person's record (个人奖惩记录): "
          "their month's penalties and rewards with totals (default: this month at their "
          "outlet), and the complaints about them; the person, their outlet's managers and "
          "head office", response="ConductRecord", query=("month",),
          errors=(400, 401, 404), permission="conduct.record.read")
def person_record(username):
    return reply(conduct.record(actor(), username, query()))


@endpoint(bp, "/api/staff/{username}/ledger", "POST", summary="Enter a reward or a penalty in a "
          "person's ledger (a manager of their outlet, head office; never one's own): "
          "immutable, recording who entered it and when", response="ConductEntry",
          status=201, body=LEDGER_BODY, errors=(400, 401, 403, 404, 409), idempotent=True,
          permission="conduct.ledger.write")
def add_ledger_entry(username):
    return reply(conduct.add(actor(), username, json_body(), idempotency_key()), 201)
