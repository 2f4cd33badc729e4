"""What the customer archive answers: customers, sites, their units (the warranty area's `Unit`)
and their audit trail."""

from __future__ import annotations

from chalicelib.kernel.schemas import INT, NNUM, NSTR, STR, array, enum, free_form, obj, page_of, ref

# the actions of a customer's audit trail (usecases._event)
CUSTOMER_ACTIONS = ("create", "add_site", "add_equipment")

_CUSTOMER = {"id": STR, "outlet": STR, "name": STR, "phone": STR, "contact_name": NSTR,
             "address": NSTR, "region": NSTR, "created_at": STR, "version": INT}

SCHEMAS: dict[str, dict] = {
    "Site": obj({"id": STR, "customer_id": STR, "name": STR, "address": NSTR, "lat": NNUM,
                 "lng": NNUM, "distance_km": NNUM}),
    "Customer": obj(_CUSTOMER),
    "CustomerEvent": obj({
        "id": STR, "at": STR, "action": enum(CUSTOMER_ACTIONS),
        # staff only: customers are changed by people, never by the system
        "actor": obj({"username": STR, "name": STR, "role": ref("Role")}),
        "data": free_form("the request as recorded (the customer, site or equipment body) plus "
                          "the id it was given")}),
    "CustomerDetail": obj({
        **_CUSTOMER,
        "sites": array(ref("Site")),
        "equipment": array(ref("Unit")),
        "events": array(ref("CustomerEvent"))}),
    "CustomerPage": page_of("Customer"),
}
