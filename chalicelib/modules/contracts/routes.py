"""Maintenance contracts (维护合同): create, list, read, edit, activate, terminate, renew."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, idempotency_key, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.contracts.schemas import (
    CREATE_BODY,
    RENEW_BODY,
    TERMINATE_BODY,
    UPDATE_BODY,
    VERSION_BODY,
)

contracts = lazy("chalicelib.modules.contracts.usecases")
bp = Blueprint(__name__)
ONE = "/api/contracts/{contract_id}"


@endpoint(bp, "/api/contracts", "POST", summary="A maintenance contract (维护合同) or free "
          "maintenance period for a customer's sites and units: draft (default) or active, "
          "numbered WH-<outlet>-<yyyy>-<nnnn>; a unit under another active contract over an "
          "overlapping period: 409 contract_overlap", response="Contract", status=201,
          body=CREATE_BODY, errors=(400, 401, 403, 409), idempotent=True,
          permission="contracts.write")
def create_contract():
    return reply(contracts.create(actor(), json_body(), idempotency_key()), 201)


@endpoint(bp, "/api/contracts", "GET", summary="Contracts of the caller's outlet (head office: "
          "an outlet's, or the network's), newest start first; by customer, state, or those "
          "to renew (renewal_due=true, 待续签)", response="ContractPage",
          query=("outlet", "customer_id", "state", "renewal_due", "limit", "cursor"),
          errors=(400, 401, 403, 404), permission="contracts.read")
def list_contracts():
    return reply(contracts.list_contracts(actor(), query()))


@endpoint(bp, ONE, "GET", summary="A contract with its call-outs of the current contract year, "
          "its events and what the reader may do", response="Contract",
          errors=(401, 403, 404), permission="contracts.read")
def get_contract(contract_id):
    return reply(contracts.get(actor(), contract_id))


@endpoint(bp, ONE, "PUT", summary="Edit a draft or active contract at the version seen; a "
          "change of period, coverage or schedule sets the next inspection date again",
          response="Contract", body=UPDATE_BODY, errors=(400, 401, 403, 404, 409),
          permission="contracts.write")
def update_contract(contract_id):
    return reply(contracts.update(actor(), contract_id, json_body()))


@endpoint(bp, ONE + "/activate", "POST", summary="A draft contract becomes active (a renewal "
          "supersedes the contract it renews)", response="Contract", body=VERSION_BODY,
          errors=(400, 401, 403, 404, 409), permission="contracts.write")
def activate_contract(contract_id):
    return reply(contracts.activate(actor(), contract_id, json_body()))


@endpoint(bp, ONE + "/terminate", "POST", summary="End a draft or active contract early, with "
          "the reason", response="Contract", body=TERMINATE_BODY,
          errors=(400, 401, 403, 404, 409), permission="contracts.write")
def terminate_contract(contract_id):
    return reply(contracts.terminate(actor(), contract_id, json_body()))


@endpoint(bp, ONE + "/renew", "POST", summary="Renew: a new contract (draft or active) with the "
          "changes given, from the day after this one ends unless starts_on says otherwise; "
          "this one is superseded when the new one is active", response="Contract",
          status=201, body=RENEW_BODY, errors=(400, 401, 403, 404, 409), idempotent=True,
          permission="contracts.write")
def renew_contract(contract_id):
    return reply(contracts.renew(actor(), contract_id, json_body(), idempotency_key()), 201)
