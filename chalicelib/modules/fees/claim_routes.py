"""The fees area's travel claim endpoints: 差旅费报销单, its receipts (原始凭证), its submission
and its approval manager → head office (claims.py, claim_receipts.py; docs/fees.md "Travel
claims")."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, idempotency_key, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.fees.claim_schemas import (
    CLAIM_BODY,
    CLAIM_EDIT_BODY,
    DECIDE_BODY,
    RECEIPT_SLOT_BODY,
    SUBMIT_BODY,
)

claims = lazy("chalicelib.modules.fees.claims")
receipts = lazy("chalicelib.modules.fees.claim_receipts")
bp = Blueprint(__name__)

ONE = "/api/claims/{claim_id}"


@endpoint(bp, "/api/claims", "POST", status=201, body=CLAIM_BODY,
          summary="File a travel claim (差旅费报销单) of one's own trip as a draft: reason, "
                  "dates, budget category, linked orders (one's own of the outlet), advance and "
                  "lines (date, from, to, category, amount, mode; taxi and freight with the "
                  "prior approval of a manager of the outlet other than oneself); numbered "
                  "BX-<outlet>-<yyyy>-<n>",
          response="Claim", errors=(400, 401, 403, 409), idempotent=True, permission="fees.claims.file")
def create_claim():
    return reply(claims.create(actor(), json_body(), idempotency_key()), 201)


@endpoint(bp, "/api/claims", "GET",
          summary="Travel claims, one page: view=mine (one's own, newest first), outlet (a "
                  "manager's outlet, or the outlet head office names; with state, that state's) "
                  "or queue (what waits for the caller's decision, oldest first: a manager's "
                  "own claim waits for head office)",
          response="ClaimList", query=("view", "outlet", "state", "limit", "cursor"),
          errors=(400, 401, 403, 404), permission="fees.claims.read")
def list_claims():
    return reply(claims.listing(actor(), query()))


@endpoint(bp, ONE, "GET", summary="A travel claim: its lines with their receipts and flags "
          "(outside its orders' windows, a receipt file another claim holds), totals and net of "
          "the advance, filing due and late, approvals, the budget category's remaining budget, "
          "the newest 50 events of its trail and what the reader may do",
          response="Claim", errors=(401, 403, 404), permission="fees.claims.read")
def get_claim(claim_id):
    return reply(claims.get(actor(), claim_id))


@endpoint(bp, ONE, "PUT", body=CLAIM_EDIT_BODY,
          summary="Change a draft claim (its claimant), the whole form on the version seen",
          response="Claim", errors=(400, 401, 403, 404, 409), permission="fees.claims.file")
def edit_claim(claim_id):
    return reply(claims.edit(actor(), claim_id, json_body()))


@endpoint(bp, f"{ONE}/receipts", "POST", status=201, body=RECEIPT_SLOT_BODY,
          summary="A presigned form to upload a receipt (原始凭证: a photo or a PDF) of a draft "
                  "claim straight to S3 (its claimant); at most 100 receipt items a claim, "
                  "rejected and expired uploads counted until their TTL (a day)",
          response="ClaimReceiptSlot", errors=(400, 401, 403, 404, 409),
          permission="fees.claims.file")
def request_claim_receipt(claim_id):
    return reply(receipts.request_upload(actor(), claim_id, json_body()), 201)


@endpoint(bp, f"{ONE}/receipts/{{receipt_id}}/confirm", "POST",
          summary="Verify an uploaded receipt (time, size, magic number): 400 upload_rejected "
                  "with the reason when it is not what it claims (deleted), 409 "
                  "upload_not_found while nothing has arrived, claim_not_draft once submitted",
          response="ClaimReceipt", errors=(400, 401, 403, 404, 409),
          permission="fees.claims.file")
def confirm_claim_receipt(claim_id, receipt_id):
    return reply(receipts.confirm(actor(), claim_id, receipt_id))


@endpoint(bp, f"{ONE}/submit", "POST", body=SUBMIT_BODY,
          summary="Submit a draft claim (its claimant) on the version seen: every line but an "
                  "allowance needs a verified receipt no other submitted claim holds (400 "
                  "lines.<i>.receipts: receipt_required, receipt_not_verified, "
                  "receipt_duplicate); late after return + 3 working days; 409 budget_exceeded "
                  "when the stopped budget cannot take it; the outlet's managers are told (a "
                  "manager's own claim: head office)",
          response="Claim", errors=(400, 401, 403, 404, 409), permission="fees.claims.file")
def submit_claim(claim_id):
    return reply(claims.submit(actor(), claim_id, json_body()))


@endpoint(bp, f"{ONE}/decide", "POST", body=DECIDE_BODY,
          summary="Approve or reject a claim at one's step (the manager: submitted claims of "
                  "the outlet; head office: manager_approved ones and a manager's own submitted "
                  "one; never one's own: 403; 409 "
                  "claim_wrong_step): head office's approval books the total against the "
                  "outlet's budget in the same transaction (409 budget_exceeded, budget_busy)",
          response="Claim", errors=(400, 401, 403, 404, 409), permission="fees.claims.decide")
def decide_claim(claim_id):
    return reply(claims.decide(actor(), claim_id, json_body()))
