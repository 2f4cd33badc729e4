"""Health, the OpenAPI document and the lifecycle table."""

from chalice import Blueprint

from chalicelib.kernel import openapi
from chalicelib.kernel.config import settings
from chalicelib.kernel.http import endpoint, reply
from chalicelib.modules.orders import lifecycle

bp = Blueprint(__name__)


@endpoint(bp, "/api/health", "GET", summary="Liveness", response="Health", public=True)
def health():
    return reply({"status": "ok", "stage": settings().stage})


@endpoint(bp, "/api/openapi.json", "GET", summary="This API's OpenAPI document",
          response=None, public=True)
def openapi_document():
    return reply(openapi.document())


@endpoint(bp, "/api/lifecycle", "GET", summary="The work-order state machine as data",
          response="Lifecycle", errors=(401,))
def lifecycle_table():
    return reply(lifecycle.describe())
