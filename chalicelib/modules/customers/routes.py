"""Customers with their sites and equipment (intake needs: find or create)."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, idempotency_key, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.customers.domain.archive import CUSTOMER_SCHEMA, EQUIPMENT_SCHEMA, SITE_SCHEMA

customers = lazy("chalicelib.modules.customers.usecases")
bp = Blueprint(__name__)


@endpoint(bp, "/api/customers", "GET", summary="Search customers by name or phone prefix",
          response="CustomerPage", query=("q", "outlet", "limit", "cursor"), errors=(400, 401, 403, 404),
          permission="customers.read")
def search_customers():
    return reply(customers.search(actor(), query()))


@endpoint(bp, "/api/customers", "POST", summary="Create a customer (Idempotency-Key honoured)",
          response="CustomerDetail", status=201, body=CUSTOMER_SCHEMA,
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


@endpoint(bp, "/api/customers/{customer_id}/equipment", "POST", summary="Add equipment",
          response="Equipment", status=201, body=EQUIPMENT_SCHEMA,
          errors=(400, 401, 403, 404), permission="customers.write")
def add_equipment(customer_id):
    return reply(customers.add_equipment(actor(), customer_id, json_body()), 201)
