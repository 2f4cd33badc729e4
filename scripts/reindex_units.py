"""Index the units (产品档案) written before issue 13 as `warranty/store` writes them now.

Run once on a stage that holds units registered before the warranty area existed
(docs/deploy.md, "Data migrations"):

    AWS_REGION=<region> FUWU_TABLE=fuwu-<stage>-main .venv/bin/python -m scripts.reindex_units

No scan: each outlet's customers through gsi1 (`OUTLET#<o>#CUSTNAME`), page by page, and each
customer's collection in one query. A unit without its serial-number index entry gets it (gsi1
`OUTLET#<o>#UNITS` / `<serial>#<unit>`, the search by serial) with its customer's and site's
names, in one UpdateItem conditional on the unit still existing (its version does not move: no
open form turns stale), and the marker holding its serial for the outlet
(`UNITSERIAL#<o>#<serial>` / `SERIAL`, written only if there is none). Two old units with the
same serial at one outlet are listed at the end: the first keeps the serial, the second is
found by search but should be corrected by hand. Its terms stay None (such a unit shows
`warranty_until` as before). Running it twice is harmless.
"""

from __future__ import annotations

import sys

from pynamodb.exceptions import PutError

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.models import Item
from chalicelib.modules.customers.models import Customer, Site
from chalicelib.modules.directory import store as directory_store
from chalicelib.modules.warranty import store
from chalicelib.modules.warranty.models import Equipment, UnitSerial


def reindex_customer(customer: Customer, duplicates: list[str]) -> int:
    items = list(Item.query(keys.customer_pk(customer.id)))
    sites = {i.id: i for i in items if isinstance(i, Site)}
    done = 0
    for unit in (i for i in items if isinstance(i, Equipment)):
        if unit.gsi1pk and unit.customer_name:
            continue  # registered by the warranty area (or done by an earlier run)
        site = sites.get(unit.site_id) if unit.site_id else None
        store.index_unit(unit)
        actions = [Equipment.gsi1pk.set(unit.gsi1pk), Equipment.gsi1sk.set(unit.gsi1sk),
                   Equipment.customer_name.set(customer.name)]
        if site is not None:
            actions.append(Equipment.site_name.set(site.name))
        Equipment._get_connection().update_item(unit.pk, unit.sk, condition=Equipment.pk.exists(),
                                                actions=actions)
        marker = store.serial_marker(unit)
        try:
            marker.save(condition=UnitSerial.pk.does_not_exist())
        except PutError as error:
            if getattr(error, "cause_response_code", None) != "ConditionalCheckFailedException":
                raise
            holder = store.get_serial(unit.outlet, unit.serial_no)
            if holder is not None and holder.unit_id != unit.id:
                duplicates.append(f"{unit.outlet} {unit.serial_no}: {holder.unit_id} keeps it, "
                                  f"{unit.id} (customer {unit.customer_id}) does not")
        done += 1
    return done


def reindex_outlet(outlet: str, duplicates: list[str]) -> int:
    done = 0
    for item in Item.gsi1.query(f"OUTLET#{outlet}#CUSTNAME", page_size=200):
        if isinstance(item, Customer):
            done += reindex_customer(item, duplicates)
    return done


def main() -> int:
    total, duplicates = 0, []
    for outlet in directory_store.list_outlets():
        count = reindex_outlet(outlet.code, duplicates)
        print(f"{outlet.code}: {count} units indexed")
        total += count
    print(f"total: {total}")
    for line in duplicates:
        print(f"duplicate serial: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
