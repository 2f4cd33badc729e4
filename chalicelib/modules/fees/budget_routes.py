"""The fees area's budget endpoints: outlet budgets per year by category, spending booked by
hand, 费用增加申请 and the budget's audit trail (budgets.py; docs/fees.md "Budgets")."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, idempotency_key, json_body, lang, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.fees.budget_schemas import (
    BUDGET_BODY,
    DECISION_BODY,
    REQUEST_BODY,
    SPEND_BODY,
)

budgets = lazy("chalicelib.modules.fees.budgets")
bp = Blueprint(__name__)

BASE = "/api/budgets/{outlet}/{year}"


@endpoint(bp, "/api/budgets", "GET", summary="Outlet budgets of a year (this year by default) by "
          "category — limit, raised by approved 费用增加申请, spent, remaining, used rate — and "
          "whether the 80 % and 100 % notices went out: a manager their outlet's, head office "
          "the outlet asked for or every outlet's", response="BudgetList",
          query=("outlet", "year"), errors=(400, 401, 403, 404), permission="fees.budgets.read")
def list_budgets():
    return reply(budgets.listing(actor(), query(), lang()))


@endpoint(bp, BASE, "PUT", summary="Set an outlet's budget of a year (head office): the limits "
          "of the categories sent (the others keep theirs) and the stop flag (with it, a spend "
          "that would exceed its category's budget is refused), on the version seen (0 for a "
          "budget never set)", response="Budget", body=BUDGET_BODY,
          errors=(400, 401, 403, 404, 409), permission="fees.budgets.write")
def set_budget(outlet, year):
    return reply(budgets.set_budget(actor(), outlet, int(year), json_body(), lang()))


@endpoint(bp, f"{BASE}/spend", "POST", summary="Book a spend against the budget by hand (a "
          "manager of the outlet, head office): one conditional update; 409 budget_exceeded "
          "(details: category, remaining_fen) when the budget is stopped and the category has "
          "not room for it; 409 budget_busy (nothing booked: try again) when other bookings "
          "kept the budget busy. Answers the budget", response="Budget", body=SPEND_BODY,
          errors=(400, 401, 403, 404, 409), idempotent=True, permission="fees.budgets.spend")
def book_spend(outlet, year):
    return reply(budgets.spend(actor(), outlet, int(year), json_body(), lang(),
                               idempotency_key()))


@endpoint(bp, f"{BASE}/requests", "GET", summary="The outlet's 费用增加申请 of the year, newest "
          "first", response="BudgetRequestList", errors=(400, 401, 403, 404),
          permission="fees.budgets.read")
def list_requests(outlet, year):
    return reply(budgets.requests(actor(), outlet, int(year)))


@endpoint(bp, f"{BASE}/requests", "POST", summary="File a 费用增加申请 (the outlet's manager): "
          "more budget in a category, with the reason; head office decides",
          response="BudgetRequest", status=201, body=REQUEST_BODY,
          errors=(400, 401, 403, 404, 409), idempotent=True, permission="fees.budgets.request")
def file_request(outlet, year):
    return reply(budgets.file_request(actor(), outlet, int(year), json_body(),
                                      idempotency_key()), 201)


@endpoint(bp, f"{BASE}/requests/{{request_id}}/decide", "POST", summary="Approve or reject a "
          "费用增加申请 (head office), on its version seen: approving raises the category's "
          "budget in the same transaction; 409 budget_request_decided when decided before",
          response="BudgetRequest", body=DECISION_BODY, errors=(400, 401, 403, 404, 409),
          permission="fees.budgets.decide")
def decide_request(outlet, year, request_id):
    return reply(budgets.decide(actor(), outlet, int(year), request_id, json_body()))


@endpoint(bp, f"{BASE}/events", "GET", summary="The budget's audit trail of the year, newest "
          "first (the last 100): changes, bookings, requests and decisions",
          response="BudgetEventList", errors=(400, 401, 403, 404),
          permission="fees.budgets.read")
def list_events(outlet, year):
    return reply(budgets.events(actor(), outlet, int(year)))
