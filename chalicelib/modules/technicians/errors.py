"""The technicians area's messages in both languages (the error envelope uses them)."""

from chalicelib.modules.technicians.policy_schemas import MESSAGES as POLICY_MESSAGES
from chalicelib.modules.technicians.schemas import MESSAGES as PEOPLE_MESSAGES

MESSAGES = {**POLICY_MESSAGES, **PEOPLE_MESSAGES}
