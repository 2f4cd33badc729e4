"""Stock counts (盘点) of an outlet's warehouse: start, count part by part, submit, approve
(posting the variances) or reject; the variance report."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.parts.count_schemas import LINE_BODY, START_BODY
from chalicelib.modules.parts.transfer_schemas import ACTION_BODY

counts = lazy("chalicelib.modules.parts.counts")
bp = Blueprint(__name__)

BASE = "/api/parts/warehouses/{outlet}/counts"


@endpoint(bp, BASE, "POST", summary="Start a count of the warehouse as of now (its keeper; "
          "409 count_open while another is in progress); codes: the parts to count, none = any",
          response="StockCount", status=201, body=START_BODY, errors=(400, 401, 403, 404, 409),
          permission="parts.counts.write")
def start_count(outlet):
    return reply(counts.start(actor(), outlet, json_body()), 201)


@endpoint(bp, BASE, "GET", summary="The warehouse's counts, newest first", response="CountPage",
          query=("limit", "cursor"), errors=(400, 401, 403, 404),
          permission="parts.counts.read")
def list_counts(outlet):
    return reply(counts.list_counts(actor(), outlet, query()))


@endpoint(bp, BASE + "/{count_id}", "GET", summary="A count and its lines: the variance report "
          "(book as of the snapshot, counted, variance, value at cost, reason)",
          response="CountDetail", errors=(401, 403, 404), permission="parts.counts.read")
def get_count(outlet, count_id):
    return reply(counts.detail(actor(), outlet, count_id))


@endpoint(bp, BASE + "/{count_id}/lines/{part_code}", "PUT", summary="Record what was found of a "
          "part (re-counting replaces the line); its book is the on hand as of the snapshot",
          response="CountLine", body=LINE_BODY, errors=(400, 401, 403, 404, 409),
          permission="parts.counts.write")
def count_line(outlet, count_id, part_code):
    return reply(counts.count_line(actor(), outlet, count_id, part_code, json_body()))


@endpoint(bp, BASE + "/{count_id}/actions/submit", "POST", summary="Submit the count for "
          "approval (its keeper): every variance needs a reason (400 lines.<code>.reason)",
          response="CountDetail", body=ACTION_BODY, errors=(400, 401, 403, 404, 409),
          permission="parts.counts.write")
def submit_count(outlet, count_id):
    return reply(counts.submit(actor(), outlet, count_id, json_body()))


@endpoint(bp, BASE + "/{count_id}/actions/approve", "POST", summary="Approve the count (the "
          "outlet's manager): each variance posted as an adjustment with its reason, once",
          response="CountDetail", body=ACTION_BODY, errors=(400, 401, 403, 404, 409),
          permission="parts.counts.approve")
def approve_count(outlet, count_id):
    return reply(counts.approve(actor(), outlet, count_id, json_body()))


@endpoint(bp, BASE + "/{count_id}/actions/reject", "POST", summary="Send the count back to "
          "counting (the outlet's manager)", response="CountDetail", body=ACTION_BODY,
          errors=(400, 401, 403, 404, 409), permission="parts.counts.approve")
def reject_count(outlet, count_id):
    return reply(counts.reject(actor(), outlet, count_id, json_body()))
