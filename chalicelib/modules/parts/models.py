"""The spare-parts area's items in the one table (see chalicelib/kernel/store/models.py and
docs/data-model.md, "Spare parts").

    PART#<code> / PART                     the catalogue's part (head office)
    PART#<code> / EV#<at>#<id>             its audit trail
    STOCK#<outlet> / PART#<code>           the part's stock line in the outlet's warehouse
    STOCK#<outlet> / USE#<yyyy-mm>#<code>  the month's consumption (quantity and value), for ABC
    STOCK#<outlet> / SUGGEST#<code>        the open purchase suggestion (at most one: the key)
    STOCK#<outlet> / COUNT#<id>            a stock count (盘点), its lines COUNT#<id>#L#<code>
    LEDGER#<outlet>#<code> / <at>#<seq>    the part's immutable movements in the warehouse
    ORDER#<order> / PARTREQ#<id>           a requisition (配件领用申请) in the order's collection
    ORDER#<order> / PARTEXC#<id>           a manager's allowance of a part not issued
    TRANSFER#<id> / TRANSFER               a transfer (调拨单) between two outlets' warehouses
    JOBS#PARTS / REORDER#<outlet>          the reorder job's watermark
"""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


class Part(Item, discriminator="part"):
    """备品配件 in head office's catalogue: PART#<code> / PART. gsi1 PARTS / <code>;
    gsi2 PARTS#NAME / <name key>#<code>; gsi3 PARTS#PY / <pinyin initials>#<code>."""

    code = UnicodeAttribute()
    name = UnicodeAttribute()
    spec = UnicodeAttribute(null=True)  # 规格型号
    material = UnicodeAttribute(null=True)  # 材质
    unit = UnicodeAttribute()  # 件, 个, 套, 升…
    list_price_fen = NumberAttribute()
    cost_fen = NumberAttribute()
    expensive = BooleanAttribute(default=False)  # 贵重配件: always needs head office
    supplier = UnicodeAttribute(null=True)
    models = ListAttribute(of=UnicodeAttribute, default=list)  # product models it fits
    groups = ListAttribute(of=UnicodeAttribute, default=list)  # component groups it fits
    service_category = UnicodeAttribute(null=True)  # 003 办法 第23条: by service category
    initials = UnicodeAttribute(null=True)  # pinyin initials of the name ("qdj" for 启动机)
    active = BooleanAttribute(default=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class PartEvent(Item, discriminator="part_event"):
    """An immutable entry of a part's audit trail: PART#<code> / EV#<at>#<id>."""

    id = UnicodeAttribute()
    code = UnicodeAttribute()
    at = UnicodeAttribute()
    action = UnicodeAttribute()  # create | update
    actor_username = UnicodeAttribute()
    actor_name = UnicodeAttribute()
    data = Utf8JSONAttribute(default=dict)  # {before, after}


class Stock(Item, discriminator="stock"):
    """A part's stock line in an outlet's warehouse: STOCK#<outlet> / PART#<code>.

    The figures change only through ledger.commit, in the transaction of the movement's ledger
    entry, on the `seq` read (so concurrent movements never lose one another); `version` is the
    settings' (reorder point, maximum, bin) version the keeper saw. gsi1
    STOCKCHANGED#<outlet> / <changed_at>#<code> (the reorder job reads only what changed); gsi2
    STOCKLOW#<outlet> / <code> only while the line is below its reorder point (库存预警)."""

    outlet = UnicodeAttribute()
    code = UnicodeAttribute()
    name = UnicodeAttribute()
    unit = UnicodeAttribute(null=True)
    on_hand = NumberAttribute(default=0)
    reserved = NumberAttribute(default=0)
    on_order = NumberAttribute(default=0)
    defective = NumberAttribute(default=0)
    in_transit_in = NumberAttribute(default=0)
    in_transit_out = NumberAttribute(default=0)
    reorder_point = NumberAttribute(default=0)
    max_level = NumberAttribute(default=0)
    bin = UnicodeAttribute(null=True)  # 库位
    abc_class = UnicodeAttribute(null=True)  # A | B | C (the monthly job)
    seq = NumberAttribute(default=0)  # movements so far: the ledger's sequence
    last_at = UnicodeAttribute(null=True)  # the last movement's time (ledger times only grow)
    changed_at = UnicodeAttribute(null=True)
    version = NumberAttribute(default=0)  # the settings' version (not bumped by movements)
    updated_at = UnicodeAttribute(null=True)


class LedgerEntry(Item, discriminator="stock_move"):
    """One immutable movement: LEDGER#<outlet>#<code> / <at>#<seq:010d> (a movement that
    changes no figure, such as `use`: <at>#u<id>, with seq None)."""

    outlet = UnicodeAttribute()
    code = UnicodeAttribute()
    at = UnicodeAttribute()
    seq = NumberAttribute(null=True)
    movement = UnicodeAttribute()  # vocabulary stock_movement
    quantity = NumberAttribute()
    deltas = Utf8JSONAttribute(default=dict)  # figure -> change
    after = Utf8JSONAttribute(null=True)  # every figure after the movement
    unit_cost_fen = NumberAttribute(null=True)
    by = UnicodeAttribute(null=True)  # None: a job
    by_name = UnicodeAttribute(null=True)
    # order_id, order_number, requisition_id, transfer_id, count_id, reason, note
    refs = Utf8JSONAttribute(default=dict)


class Consumption(Item, discriminator="part_use"):
    """A month's consumption of a part at an outlet (issued minus returned), for ABC:
    STOCK#<outlet> / USE#<yyyy-mm>#<code>; ADDed in the movement's transaction."""

    outlet = UnicodeAttribute()
    code = UnicodeAttribute()
    month = UnicodeAttribute()
    quantity = NumberAttribute(default=0)
    value_fen = NumberAttribute(default=0)


class Suggestion(Item, discriminator="reorder_suggestion"):
    """The open purchase suggestion of a part at an outlet: STOCK#<outlet> / SUGGEST#<code>."""

    outlet = UnicodeAttribute()
    code = UnicodeAttribute()
    name = UnicodeAttribute()
    on_hand = NumberAttribute()
    reserved = NumberAttribute()
    on_order = NumberAttribute()
    reorder_point = NumberAttribute()
    max_level = NumberAttribute()
    quantity = NumberAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class JobMark(Item, discriminator="parts_job"):
    """How far a parts job has read: JOBS#PARTS / REORDER#<outlet> (`changed_at` watermark)."""

    value = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class Requisition(Item, discriminator="requisition"):
    """配件领用申请 on a work order: ORDER#<order> / PARTREQ#<id>. gsi1
    OUTLET#<o>#PARTREQ#<state> / <created_at>#<id> (the queues); gsi2 PARTREQ#HQ /
    <created_at>#<id> while it waits for head office; gsi4 PARTSDUE / <return_due_at>#<id>
    while parts are outstanding after completion and nobody was told yet."""

    id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    order_number = UnicodeAttribute(null=True)
    outlet = UnicodeAttribute()
    state = UnicodeAttribute()
    lines = Utf8JSONAttribute(default=list)
    needs_head_office = BooleanAttribute(default=False)
    approval_reasons = Utf8JSONAttribute(default=list)
    requested_by = UnicodeAttribute()
    requested_by_name = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    approvals = Utf8JSONAttribute(default=list)
    rejection = Utf8JSONAttribute(null=True)
    received_at = UnicodeAttribute(null=True)
    completed_at = UnicodeAttribute(null=True)
    return_due_at = UnicodeAttribute(null=True)
    flagged_at = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class PartsException(Item, discriminator="parts_exception"):
    """A manager's audited allowance for a part the order's completion may name although it was
    not issued to the order: ORDER#<order> / PARTEXC#<id>."""

    id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    code = UnicodeAttribute(null=True)
    name = UnicodeAttribute()
    quantity = NumberAttribute()
    reason = UnicodeAttribute()
    by = UnicodeAttribute()
    by_name = UnicodeAttribute(null=True)
    at = UnicodeAttribute()


class Transfer(Item, discriminator="transfer"):
    """调拨单: TRANSFER#<id> / TRANSFER. gsi1 OUTLET#<from>#TRANSFERS, gsi2
    OUTLET#<to>#TRANSFERS, both / <created_at>#<id>."""

    id = UnicodeAttribute()
    from_outlet = UnicodeAttribute()
    to_outlet = UnicodeAttribute()
    state = UnicodeAttribute()
    lines = Utf8JSONAttribute(default=list)
    note = UnicodeAttribute(null=True)
    history = Utf8JSONAttribute(default=list)
    created_by = UnicodeAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class StockCount(Item, discriminator="stock_count"):
    """盘点: STOCK#<outlet> / COUNT#<id>. gsi1 OUTLET#<o>#COUNTS / <created_at>#<id>."""

    id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    state = UnicodeAttribute()  # counting | submitted | approved
    snapshot_at = UnicodeAttribute()
    note = UnicodeAttribute(null=True)
    codes = ListAttribute(of=UnicodeAttribute, null=True)
    counted_lines = NumberAttribute(default=0)
    variance_lines = NumberAttribute(default=0)
    variance_value_fen = NumberAttribute(default=0)
    history = Utf8JSONAttribute(default=list)
    created_by = UnicodeAttribute()
    approved_by = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class CountLine(Item, discriminator="count_line"):
    """One part counted: STOCK#<outlet> / COUNT#<id>#L#<code>."""

    count_id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    code = UnicodeAttribute()
    name = UnicodeAttribute()
    book = NumberAttribute()
    counted = NumberAttribute()
    variance = NumberAttribute()
    value_fen = NumberAttribute(default=0)
    reason = UnicodeAttribute(null=True)
    counted_by = UnicodeAttribute()
    counted_at = UnicodeAttribute()
    posted = BooleanAttribute(default=False)
    version = VersionAttribute()
