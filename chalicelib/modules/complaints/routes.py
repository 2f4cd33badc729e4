"""Complaints (客户投诉): record, the boards, the complaint page, the process's actions, head
office's routing table and settings."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, idempotency_key, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.kernel.validation import ACTION_BODY
from chalicelib.modules.complaints.domain import lifecycle as rules
from chalicelib.modules.complaints.schemas import CREATE_BODY, SETTINGS_BODY

complaints = lazy("chalicelib.modules.complaints.usecases")
bp = Blueprint(__name__)


@endpoint(bp, "/api/complaints", "POST", summary="Record a customer's complaint (客户投诉登记表): "
          "numbered, its 24 h clock started, on its order's timeline", response="Complaint",
          status=201, body=CREATE_BODY, errors=(400, 401, 403, 409), idempotent=True,
          permission="complaints.create")
def create_complaint():
    return reply(complaints.record(actor(), json_body(), idempotency_key()), 201)


@endpoint(bp, "/api/complaints", "GET", summary="An outlet's complaints, open or done, newest "
          "first; head office's own queue (queue=head_office); those about a person "
          "(about_staff)", response="ComplaintPage",
          query=("outlet", "status", "queue", "about_staff", "limit", "cursor"),
          errors=(400, 401, 403, 404), permission="complaints.read")
def list_complaints():
    return reply(complaints.list_complaints(actor(), query()))


@endpoint(bp, "/api/complaints/settings", "GET", summary="Head office's routing table (kind → "
          "department), departments, repeat window and multiplier, base penalties",
          response="ComplaintSettings", errors=(401, 403), permission="complaints.read")
def get_settings():
    return reply(complaints.settings_view(actor()))


@endpoint(bp, "/api/complaints/settings", "PUT", summary="Replace the complaint settings (head "
          "office), checked against the version seen (0: the defaults)",
          response="ComplaintSettings", body=SETTINGS_BODY, errors=(400, 401, 403, 409),
          permission="complaints.settings.write")
def put_settings():
    return reply(complaints.save_settings(actor(), json_body()))


@endpoint(bp, "/api/complaints/{complaint_id}", "GET", summary="A complaint with its steps, "
          "clocks, timeline, the reader's actions and what closing still needs",
          response="Complaint", errors=(401, 403, 404), permission="complaints.view")
def get_complaint(complaint_id):
    return reply(complaints.get(actor(), complaint_id))


@endpoint(bp, "/api/complaints/{complaint_id}/actions/{complaint_action}", "POST",
          summary="A step of the complaint process with the version the user saw; closing is "
                  "refused (409 complaint_incomplete, naming the missing steps) until every "
                  "step is recorded", response="Complaint", body=ACTION_BODY,
          errors=(400, 401, 403, 404, 409), permission="complaints.action.{complaint_action}",
          extensions=lambda: {"x-action-data-schemas": {
              a.name: a.schema for a in rules.ACTIONS.values()}})
def complaint_action(complaint_id, complaint_action):
    return reply(complaints.act(actor(), complaint_id, complaint_action, json_body()))
