"""Who is calling: the username the token proves, and the role and outlet the staff directory
gives them (never a claim the user could write)."""

from __future__ import annotations

from dataclasses import dataclass

# 话务员, 网点经理, 技术支持, 技术员, 仓管, 总部 (docs/api.md); Cognito's groups are made from it
ROLES = ("agent", "manager", "support", "technician", "warehouse", "head_office")
HEAD_OFFICE = "head_office"
# the system as the actor of a step nobody took (a job, a hook): its username and its name on
# the audit trail
SYSTEM_USERNAME, SYSTEM_NAME = "system", "系统"


@dataclass(frozen=True)
class Actor:
    username: str
    role: str
    outlet: str
