"""Training (培训): yearly plans, sessions and their results, and the fines proposed for
absence that the manager decides (training.py; docs/technicians.md "Training")."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, lang, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.technicians.training_schemas import (
    DECIDE_BODY,
    PLAN_BODY,
    PLAN_EDIT_BODY,
    RESULTS_BODY,
    SESSION_BODY,
    VERSION_BODY,
)

training = lazy("chalicelib.modules.technicians.training")
bp = Blueprint(__name__)
PLANS, SESSIONS = "/api/technicians/training/plans", "/api/technicians/training/sessions"
PROPOSALS = "/api/technicians/training/proposals"


@endpoint(bp, PLANS, "GET", summary="A year's training plans: a manager their outlet's and the "
          "network's (outlet=NETWORK: the network's only), head office the outlet (or NETWORK) "
          "asked for", response="TrainingPlanList", query=("outlet", "year"),
          required=("year",), errors=(400, 401, 403, 404),
          permission="technicians.training.read")
def list_plans():
    return reply(training.plans(actor(), query()))


@endpoint(bp, PLANS, "POST", summary="Draft a yearly training plan (a manager their outlet's, "
          "head office any outlet's or the network's: outlet NETWORK)", response="TrainingPlan",
          status=201, body=PLAN_BODY, errors=(400, 401, 403, 404),
          permission="technicians.training.write")
def create_plan():
    return reply(training.create_plan(actor(), json_body()), 201)


@endpoint(bp, PLANS + "/{plan_id}", "GET", summary="A training plan", response="TrainingPlan",
          errors=(401, 403, 404), permission="technicians.training.read")
def get_plan(plan_id):
    return reply(training.plan(actor(), plan_id))


@endpoint(bp, PLANS + "/{plan_id}", "PUT", summary="Change a draft plan on the version seen "
          "(approved: 409 training_plan_approved)", response="TrainingPlan",
          body=PLAN_EDIT_BODY, errors=(400, 401, 403, 404, 409),
          permission="technicians.training.write")
def edit_plan(plan_id):
    return reply(training.edit_plan(actor(), plan_id, json_body()))


@endpoint(bp, PLANS + "/{plan_id}/approve", "POST", summary="Approve a plan (head office the "
          "network's, the outlet's manager or head office an outlet's)", response="TrainingPlan",
          body=VERSION_BODY, errors=(400, 401, 403, 404, 409),
          permission="technicians.training.approve")
def approve_plan(plan_id):
    return reply(training.approve_plan(actor(), plan_id, json_body()))


@endpoint(bp, SESSIONS, "GET", summary="An outlet's training sessions of a year (default this "
          "year), newest first, with how many passed, must retake, were absent",
          response="TrainingSessionList", query=("outlet", "year"), errors=(400, 401, 403, 404),
          permission="technicians.training.read")
def list_sessions():
    return reply(training.sessions(actor(), query(), lang()))


@endpoint(bp, SESSIONS, "POST", summary="Plan a training session with its attendees (the "
          "outlet's active technicians, at most 30) and exam; a pass may issue a certificate "
          "type", response="TrainingSession", status=201, body=SESSION_BODY,
          errors=(400, 401, 403, 404, 409), permission="technicians.training.write")
def create_session():
    return reply(training.create_session(actor(), json_body(), lang()), 201)


@endpoint(bp, SESSIONS + "/{session_id}", "GET", summary="A training session with its "
          "attendees and results", response="TrainingSession", errors=(401, 403, 404),
          permission="technicians.training.read")
def get_session(session_id):
    return reply(training.session(actor(), session_id, lang()))


@endpoint(bp, SESSIONS + "/{session_id}/results", "POST", summary="Record every attendee's "
          "attendance and score at once, on the version seen: a pass issues the certificate, "
          "below the pass mark a retake is pending, an absence proposes the policy's fine",
          response="TrainingSession", body=RESULTS_BODY, errors=(400, 401, 403, 404, 409),
          permission="technicians.training.write")
def record_results(session_id):
    return reply(training.record_results(actor(), session_id, json_body(), lang()))


@endpoint(bp, PROPOSALS, "GET", summary="An outlet's proposed penalties: waiting for the "
          "manager (state=proposed, the default, oldest first) or decided (newest first)",
          response="PenaltyProposalList", query=("outlet", "state"),
          errors=(400, 401, 403, 404), permission="technicians.training.read")
def list_proposals():
    return reply(training.proposals(actor(), query()))


@endpoint(bp, PROPOSALS + "/{proposal_id}/decide", "POST", summary="Approve a proposed "
          "penalty (a conduct ledger entry, in the same transaction) or dismiss it with a "
          "reason, on the version seen", response="PenaltyProposal", body=DECIDE_BODY,
          errors=(400, 401, 403, 404, 409), permission="technicians.training.approve")
def decide_proposal(proposal_id):
    return reply(training.decide(actor(), proposal_id, json_body()))
