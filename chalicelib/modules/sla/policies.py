"""The policy document as head office edits it: the SLA rules and levels of the domain, with the
work orders' priorities and types and the field evidence area's evidence section put in."""

from __future__ import annotations

from chalicelib.modules.evidence import public as evidence
from chalicelib.modules.orders import public as orders
from chalicelib.modules.sla.domain.policy import (
    DEFAULT_RULES_AND_LEVELS,
    override_schema,
    policy_schema,
    rule_schema,
)

RULE_SCHEMA = rule_schema(orders.PRIORITIES, orders.ORDER_TYPES)
POLICY_SCHEMA = policy_schema(RULE_SCHEMA, evidence.EVIDENCE_POLICY_SCHEMA)
OVERRIDE_SCHEMA = override_schema(POLICY_SCHEMA)
DEFAULT_POLICY: dict = {**DEFAULT_RULES_AND_LEVELS, "evidence": evidence.DEFAULT_EVIDENCE_POLICY}


def evidence_policy(policy: dict) -> dict:
    """The evidence part of a policy (the built-in default when the policy has none)."""
    return policy.get("evidence") or evidence.DEFAULT_EVIDENCE_POLICY
