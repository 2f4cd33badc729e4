"""Vocabularies of the work order (see docs/api.md for the Chinese terms)."""

ORDER_TYPES = ("repair", "maintenance", "installation", "tech_support", "inspection", "consultation")
PRIORITIES = ("urgent", "general")
CHANNELS = ("phone", "email", "walk_in", "web", "partner")
COVERAGE = ("warranty", "paid", "contract", "unknown")
VISIT_CHANNELS = ("phone", "email", "visit", "sms")
HOLD_KINDS = ("customer", "parts", "other")
ROLES = ("agent", "manager", "support", "technician", "warehouse", "head_office")

MAX_TEXT = 2000  # longest free text accepted in one field
MAX_SHORT = 200
