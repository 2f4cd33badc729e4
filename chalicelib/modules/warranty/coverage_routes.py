"""The coverage decision's own route: what intake will decide, for the intake form (the
decision itself runs in the work order's hooks, coverage.py)."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.warranty.coverage_schemas import PREVIEW_BODY

coverage = lazy("chalicelib.modules.warranty.coverage")
bp = Blueprint(__name__)


@endpoint(bp, "/api/warranty/coverage-preview", "POST",
          summary="What intake will decide for a unit's failed components",
          response="CoveragePreview", body=PREVIEW_BODY, errors=(400, 401, 403, 404),
          permission="warranty.coverage.preview")
def coverage_preview():
    return reply(coverage.preview(actor(), json_body()))
