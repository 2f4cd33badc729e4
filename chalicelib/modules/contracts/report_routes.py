"""A maintenance contract's quarterly report (维护季度报告, contracts/quarterly.py)."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, lang, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.contracts.report_schemas import QUARTERLY_BODY

quarterly = lazy("chalicelib.modules.contracts.quarterly")
bp = Blueprint(__name__)


@endpoint(bp, "/api/contracts/{contract_id}/quarterly", "POST",
          summary="The contract's quarterly report (维护季度报告) as a PDF, rendered now: every "
                  "inspection of the quarter with its result, faults and signature, and every "
                  "repair under the contract; a short-lived link to it. A quarter outside the "
                  "contract's period: 400 quarter",
          response="ContractQuarterlyReport", body=QUARTERLY_BODY,
          errors=(400, 401, 403, 404), permission="contracts.read")
def quarterly_report(contract_id):
    return reply(quarterly.issue(actor(), contract_id, json_body(), lang()))
