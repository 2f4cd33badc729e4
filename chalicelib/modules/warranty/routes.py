"""Warranty term templates (head office) and units (产品档案): registration, the unit page, the
search by serial number and a promotion of a unit's terms."""

from urllib.parse import unquote

from chalice import Blueprint, Response

from chalicelib.kernel.http import actor, endpoint, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.warranty.domain.units import TEMPLATE_BODY, TERMS_CHANGE_SCHEMA, UNIT_SCHEMA

templates = lazy("chalicelib.modules.warranty.templates")
units = lazy("chalicelib.modules.warranty.units")
bp = Blueprint(__name__)


def _model(model: str) -> str:
    """A model name from the path: the local server hands it over percent-encoded (the SPA
    sends encodeURIComponent(name)); decoding a decoded name leaves it as it is."""
    return unquote(model)


@endpoint(bp, "/api/warranty/templates", "GET", summary="The network's default warranty terms "
          "and price list, and every product model's", response="Templates",
          errors=(401, 403), permission="warranty.templates.read")
def list_templates():
    return reply(templates.list_templates(actor()))


@endpoint(bp, "/api/warranty/templates/default", "PUT", summary="Save the network's default "
          "template (version null: create; else the version seen). Registered units keep theirs",
          response="Template", body=TEMPLATE_BODY, errors=(400, 401, 403, 409),
          permission="warranty.templates.write")
def save_default_template():
    return reply(templates.save(actor(), None, json_body()))


@endpoint(bp, "/api/warranty/templates/models/{model}", "PUT", summary="Save a product model's "
          "template (version null: create, 409 template_exists if there is one; else the "
          "version seen). Registered units keep theirs", response="Template", body=TEMPLATE_BODY,
          errors=(400, 401, 403, 409), permission="warranty.templates.write")
def save_model_template(model):
    return reply(templates.save(actor(), _model(model), json_body()))


@endpoint(bp, "/api/warranty/templates/models/{model}", "DELETE", summary="Remove a model's "
          "template at the version seen (its new units then get the default)", response=None,
          status=204, query=("version",), required=("version",), errors=(400, 401, 403, 404, 409),
          permission="warranty.templates.write")
def delete_model_template(model):
    templates.delete(actor(), _model(model), query())
    return Response(body="", status_code=204)


@endpoint(bp, "/api/customers/{customer_id}/equipment", "POST", summary="Register a unit "
          "(产品档案) of the customer: terms copied from its model's template (409 "
          "duplicate_serial when the outlet has the serial number)", response="Unit", status=201,
          body=UNIT_SCHEMA, errors=(400, 401, 403, 404, 409), permission="warranty.units.write")
def register_unit(customer_id):
    return reply(units.register(actor(), customer_id, json_body()), 201)


@endpoint(bp, "/api/units", "GET", summary="An outlet's units by serial number prefix",
          response="UnitPage", query=("q", "outlet", "limit", "cursor"),
          errors=(400, 401, 403, 404), permission="warranty.units.read")
def search_units():
    return reply(units.search(actor(), query()))


@endpoint(bp, "/api/customers/{customer_id}/units/{unit_id}", "GET", summary="A unit with its "
          "terms and last covered days, contract, service record and audit trail",
          response="UnitDetail", errors=(401, 403, 404), permission="warranty.units.read")
def get_unit(customer_id, unit_id):
    return reply(units.detail(actor(), customer_id, unit_id))


@endpoint(bp, "/api/customers/{customer_id}/units/{unit_id}/terms", "POST", summary="Extend "
          "some of a unit's term groups (a promotion), with a reason, at the version seen",
          response="UnitDetail", body=TERMS_CHANGE_SCHEMA, errors=(400, 401, 403, 404, 409),
          permission="warranty.units.terms")
def change_unit_terms(customer_id, unit_id):
    return reply(units.change_terms(actor(), customer_id, unit_id, json_body()))
