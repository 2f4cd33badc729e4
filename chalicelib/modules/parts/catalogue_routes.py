"""Head office's catalogue of parts: the list and the search (code, name, pinyin initials),
a part, a new part and a change at the version seen."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.kernel.schemas import ref
from chalicelib.modules.parts.domain.catalogue import PART_INPUT, PART_UPDATE

catalogue = lazy("chalicelib.modules.parts.catalogue")
bp = Blueprint(__name__)
# the body is published inline as the kernel enforces it; this names its component, which the
# SPA's part form is typed with
FORM = {"x-body-component": ref("PartInput")}


@endpoint(bp, "/api/parts", "GET", summary="The catalogue by code (paged), or with q up to "
          "`limit` parts whose code, name or pinyin initials begin with q (\"qdj\" finds 启动机)",
          response="PartPage", query=("q", "limit", "cursor"), errors=(400, 401, 403),
          permission="parts.catalogue.read")
def list_parts():
    return reply(catalogue.list_parts(actor(), query()))


@endpoint(bp, "/api/parts", "POST", summary="A new part of the catalogue (409 duplicate_part "
          "when the code is taken)", response="Part", status=201, body=PART_INPUT,
          errors=(400, 401, 403, 409), permission="parts.catalogue.write", extensions=FORM)
def create_part():
    return reply(catalogue.create(actor(), json_body()), 201)


@endpoint(bp, "/api/parts/{part_code}", "GET", summary="A part of the catalogue", response="Part",
          errors=(401, 403, 404), permission="parts.catalogue.read")
def get_part(part_code):
    return reply(catalogue.get_part(actor(), part_code))


@endpoint(bp, "/api/parts/{part_code}", "PUT", summary="Change a part at the version seen (409 "
          "stale_version otherwise); audited", response="Part", body=PART_UPDATE,
          errors=(400, 401, 403, 404, 409), permission="parts.catalogue.write", extensions=FORM)
def update_part(part_code):
    return reply(catalogue.update(actor(), part_code, json_body()))
