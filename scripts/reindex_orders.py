"""Write the index keys of every work order as `orders/store.index_order` sets them now.

Run once on a stage that holds orders written before the network index (gsi7) and the number
series index (gsi6 `ORDERNO#<prefix>` / `<number>`) existed (docs/deploy.md, "Data migrations"):

    AWS_REGION=<region> FUWU_TABLE=fuwu-<stage>-main .venv/bin/python -m scripts.reindex_orders

No scan: one pass over each outlet's orders in gsi1 (`OUTLET#<o>#ORDERS`), page by page. Each
order gets one UpdateItem of its gsi6/gsi7 keys only, conditional on the order still existing;
its version does not move, so nobody's open form turns stale. Running it twice is harmless.
It also puts the helpers' job markers (ORDER#<id> / HELPER#<username>, `store.helper_jobs`) of
orders written before them (a marker left by a change meanwhile is harmless: a helper's jobs
show an order only while they are among its helpers, and its next action puts them right).
"""

from __future__ import annotations

import sys

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.models import Item
from chalicelib.modules.directory import store as directory_store
from chalicelib.modules.orders.models import WorkOrder
from chalicelib.modules.orders.store import helper_jobs, index_order


def reindex_outlet(outlet: str) -> int:
    done = 0
    for item in Item.gsi1.query(keys.outlet_orders(outlet), page_size=200):
        if not isinstance(item, WorkOrder):
            continue
        index_order(item)
        WorkOrder._get_connection().update_item(
            item.pk, item.sk, condition=WorkOrder.pk.exists(),
            actions=[WorkOrder.gsi6pk.set(item.gsi6pk), WorkOrder.gsi6sk.set(item.gsi6sk),
                     WorkOrder.gsi7pk.set(item.gsi7pk), WorkOrder.gsi7sk.set(item.gsi7sk)])
        for marker in helper_jobs(item).values():
            marker.save()
        done += 1
    return done


def main() -> int:
    total = 0
    for outlet in directory_store.list_outlets():
        count = reindex_outlet(outlet.code)
        print(f"{outlet.code}: {count} orders re-indexed")
        total += count
    print(f"total: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
