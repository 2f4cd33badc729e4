"""Consultations and information hand-over (咨询与信息交接): record, the desk's board, a
consultation's page, the desk's actions (take over, answer, close, turn into a complaint)."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, idempotency_key, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.kernel.validation import ACTION_BODY
from chalicelib.modules.consultations.domain import rules
from chalicelib.modules.consultations.schemas import CREATE_BODY, data_schema

consultations = lazy("chalicelib.modules.consultations.usecases")
bp = Blueprint(__name__)


@endpoint(bp, "/api/consultations", "POST", summary="Record a customer's question or "
          "information taken by any staff member: numbered, its hand-over clock (4 working "
          "hours) and a question's answer clock (8 working hours) started at received_at",
          response="Consultation", status=201, body=CREATE_BODY, errors=(400, 401, 403, 409),
          idempotent=True, permission="consultations.create")
def create_consultation():
    return reply(consultations.record(actor(), json_body(), idempotency_key()), 201)


@endpoint(bp, "/api/consultations", "GET", summary="An outlet's consultations: open ones (to "
          "take over or answer) oldest first, done ones newest first",
          response="ConsultationPage", query=("outlet", "status", "limit", "cursor"),
          errors=(400, 401, 403, 404), permission="consultations.read")
def list_consultations():
    return reply(consultations.list_consultations(actor(), query()))


@endpoint(bp, "/api/consultations/{consultation_id}", "GET", summary="A consultation with its "
          "clocks, timeline and the reader's actions", response="Consultation",
          errors=(401, 403, 404), permission="consultations.view")
def get_consultation(consultation_id):
    return reply(consultations.get(actor(), consultation_id))


@endpoint(bp, "/api/consultations/{consultation_id}/actions/{consultation_action}", "POST",
          summary="The desk's action with the version the user saw: take over, answer, close, "
                  "or turn it into a complaint (one transaction; a work order is made from it "
                  "by POST /api/work-orders with consultation_id)", response="Consultation",
          body=ACTION_BODY, errors=(400, 401, 403, 404, 409),
          permission="consultations.action.{consultation_action}",
          extensions=lambda: {"x-action-data-schemas": {
              name: data_schema(name) for name in rules.ACTIONS}})
def consultation_action(consultation_id, consultation_action):
    return reply(consultations.act(actor(), consultation_id, consultation_action, json_body()))
