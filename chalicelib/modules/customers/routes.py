"""Customers with their sites (intake needs: find or create); a unit is registered through the
warranty area's route (POST /api/customers/{customer_id}/equipment)."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, idempotency_key, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.customers.domain.archive import CUSTOMER_SCHEMA, SITE_SCHEMA
from chalicelib.modules.warranty.public import UNIT_SCHEMA

customers = lazy("chalicelib.modules.customers.usecases")
bp = Blueprint(__name__)

# a new customer's first unit: registered like any unit, at the customer's first site
CUSTOMER_BODY = {**CUSTOMER_SCHEMA, "properties": {
    **CUSTOMER_SCHEMA["properties"],
    "equipment": {**UNIT_SCHEMA, "properties": {k: v for k, v in UNIT_SCHEMA["properties"].items()
                                                if k != "site_id"}}}}


@endpoint(bp, "/api/customers", "GET", summary="Search customers by name or phone prefix",
          response="CustomerPage", query=("q", "outlet", "limit", "cursor"), errors=(400, 401, 403, 404),
          permission="customers.read")
def search_customers():
    return reply(customers.search(actor(), query()))


@endpoint(bp, "/api/customers", "POST", summary="Create a customer (Idempotency-Key honoured)",
          response="CustomerDetail", status=201, body=CUSTOMER_BODY,
          errors=(400, 401, 403, 409), idempotent=True, permission="customers.write")
def create_customer():
    result, created = customers.create(actor(), json_body(), idempotency_key())
    return reply(result, 201)


@endpoint(bp, "/api/customers/{customer_id}", "GET", summary="A customer with sites and equipment",
          response="CustomerDetail", errors=(401, 403, 404), permission="customers.read")
def get_customer(customer_id):
    return reply(customers.get(actor(), customer_id))


@endpoint(bp, "/api/customers/{customer_id}/sites", "POST", summary="Add a site",
          response="Site", status=201, body=SITE_SCHEMA,
          errors=(400, 401, 403, 404), permission="customers.write")
def add_site(customer_id):
    return reply(customers.add_site(actor(), customer_id, json_body()), 201)

