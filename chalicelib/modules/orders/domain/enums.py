"""Vocabularies of the work order (see docs/api.md for the Chinese terms)."""

ORDER_TYPES = ("repair", "maintenance", "installation", "tech_support", "inspection", "consultation")
PRIORITIES = ("urgent", "general")
CHANNELS = ("phone", "email", "walk_in", "web", "partner")
# how an order the system made came in (never entered at intake): a contract's inspection
# generated on its schedule (contracts/generator.py), a repair opened from a fault on an
# inspection's checklist (contracts/checklists.py)
SYSTEM_CHANNELS = ("schedule", "inspection")
COVERAGE = ("warranty", "paid", "contract", "mixed", "unknown")  # mixed: 部分有偿, by the lines
VISIT_CHANNELS = ("phone", "email", "visit", "sms")
HOLD_KINDS = ("customer", "parts", "other")
KIND = "work_order"  # the work order's kind among hook and SLA subjects
