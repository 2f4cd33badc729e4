"""What other areas may use of the customer archive: a customer with its sites and equipment,
and the outlet's customers for exports."""

from __future__ import annotations

from chalicelib.modules.customers.models import Customer, Equipment, Site
from chalicelib.modules.customers.store import customers_of, get_customer_with_parts

__all__ = ["Customer", "Equipment", "Site", "customers_of", "get_customer_with_parts"]
