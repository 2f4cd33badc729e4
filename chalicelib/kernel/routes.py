"""Health and the OpenAPI document."""

from chalice import Blueprint

from chalicelib.kernel import openapi
from chalicelib.kernel.config import settings
from chalicelib.kernel.http import endpoint, reply

bp = Blueprint(__name__)


@endpoint(bp, "/api/health", "GET", summary="Liveness", response="Health", public=True)
def health():
    return reply({"status": "ok", "stage": settings().stage})


@endpoint(bp, "/api/openapi.json", "GET", summary="This API's OpenAPI document",
          response=None, public=True)
def openapi_document():
    return reply(openapi.document())
