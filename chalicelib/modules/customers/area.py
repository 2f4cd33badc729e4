"""The customer archive: customers, their sites and equipment (客户档案)."""

from chalicelib.kernel.access import may_read_outlet
from chalicelib.kernel.registry import Area
from chalicelib.modules.customers import routes, schemas
from chalicelib.modules.customers.models import Customer, CustomerEvent, Site


def _customer_visible(actor, customer_id: str) -> bool:
    from chalicelib.modules.customers.store import get_customer

    customer = get_customer(customer_id)
    return customer is not None and may_read_outlet(actor, customer.outlet)


AREA = Area(
    name="customers",
    blueprints=(routes.bp,),
    models=(Customer, Site, CustomerEvent),
    permissions={"customers.read": ("agent", "manager", "support", "head_office"),
                 "customers.write": ("agent", "manager")},
    locators={"customer_id": _customer_visible},
    query={"q": {"type": "string", "maxLength": 100,
                 "description": "name prefix or phone prefix (digits)"}},
    schemas=schemas.SCHEMAS,
)
