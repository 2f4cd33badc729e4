"""What other areas may use of the spare parts: the parts an order used, priced by their
coverage (the service report prints them), with their internal cost (the fee sheet), and the
catalogue's prices of some codes."""

from __future__ import annotations


def order_part_prices(order, collection) -> dict[str, dict]:
    """Per part code issued to the order: {coverage, free, unit_charge_fen} — what one of it
    costs the customer (0 when its coverage makes it free) — from the order's collection as read
    (nothing for an order without requisitions). The internal cost stays in the parts area."""
    from chalicelib.modules.parts.order_hooks import priced_lines

    return {line["code"]: {k: line[k] for k in ("coverage", "free", "unit_charge_fen")}
            for line in priced_lines(order, collection)}


def used_parts(order, collection) -> list[dict]:
    """Per part issued to the order, what went into the repair (used as recorded at completion;
    before it what the order holds): {code, name, quantity, list_price_fen, cost_fen (finance's
    cost price of one), component, coverage, free}, from the order's collection as read — the fee sheet's
    part lines. Parts with nothing consumed are left out."""
    from chalicelib.modules.parts.models import Requisition
    from chalicelib.modules.parts.order_hooks import priced_lines

    components: dict[str, str | None] = {}
    for req in sorted(collection.of(Requisition), key=lambda r: (r.created_at, r.id)):
        for line in req.lines or []:
            components.setdefault(line["code"], line.get("component"))
    out = []
    for line in priced_lines(order, collection):
        consumed = int(line["consumed"])
        if consumed > 0:
            out.append({"code": line["code"], "name": line["name"], "quantity": consumed,
                        "component": components.get(line["code"]),
                        "list_price_fen": line["list_price_fen"], "cost_fen": line["cost_fen"],
                        "coverage": line["coverage"], "free": line["free"]})
    return out


def catalogue_prices(codes) -> dict[str, dict]:
    """The catalogue's prices of these part codes (upper case), by code, in one BatchGetItem:
    {name, list_price_fen, cost_fen (finance's cost price), active}; unknown codes are absent."""
    from chalicelib.modules.parts import ledger

    return {code: {"name": part.name, "list_price_fen": int(part.list_price_fen),
                   "cost_fen": int(part.cost_fen), "active": bool(part.active)}
            for code, part in ledger.get_parts(list(codes)).items()} if codes else {}


__all__ = ["catalogue_prices", "order_part_prices", "used_parts"]
