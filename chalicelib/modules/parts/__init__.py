"""Spare parts (备品配件): catalogue, warehouses, requisitions on orders, transfers, counts."""
