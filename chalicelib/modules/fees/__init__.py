"""Fees (售后费用): an order's fee lines and final charge, payments, outlet budgets (docs/fees.md)."""
