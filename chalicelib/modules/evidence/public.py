"""What other areas may use of the field evidence: the items it keeps in an order's collection
(attachments, report versions), e.g. to tell them apart in that collection."""

from __future__ import annotations

from chalicelib.modules.evidence.domain.rules import DEFAULT_EVIDENCE_POLICY, EVIDENCE_POLICY_SCHEMA
from chalicelib.modules.evidence.models import Attachment, ServiceReport

__all__ = ["Attachment", "DEFAULT_EVIDENCE_POLICY", "EVIDENCE_POLICY_SCHEMA", "ServiceReport"]
