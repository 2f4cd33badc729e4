"""What other areas may use of the spare parts: the parts an order used, priced by their
coverage (the service report prints them)."""

from __future__ import annotations


def order_part_prices(order, collection) -> dict[str, dict]:
    """Per part code issued to the order: {coverage, free, unit_charge_fen} — what one of it
    costs the customer (0 when its coverage makes it free) — from the order's collection as read
    (nothing for an order without requisitions). The internal cost stays in the parts area."""
    from chalicelib.modules.parts.order_hooks import priced_lines

    return {line["code"]: {k: line[k] for k in ("coverage", "free", "unit_charge_fen")}
            for line in priced_lines(order, collection)}


__all__ = ["order_part_prices"]
