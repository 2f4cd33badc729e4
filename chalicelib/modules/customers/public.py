"""What other areas may use of the customer archive: a customer with its sites and equipment,
the outlet's customers for exports, and a search by name or phone (the order search)."""

from __future__ import annotations

from chalicelib.modules.customers import bulk  # a unit import's customers and sites
from chalicelib.modules.customers.models import Customer, Site
from chalicelib.modules.customers.store import (
    customers_of,
    get_customer,
    get_customer_with_parts,
    search_customers,
)
from chalicelib.modules.customers.usecases import audit_write  # a unit's registration
from chalicelib.modules.warranty.public import Equipment

__all__ = ["Customer", "bulk", "Equipment", "Site", "audit_write", "customers_of", "get_customer",
           "get_customer_with_parts", "search_customers"]
