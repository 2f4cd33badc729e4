"""A staff member's notice preferences (通知偏好): how they want work notices. In the app
always; by e-mail on or off; in Chinese or English. Only the member sets their own."""

from __future__ import annotations

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

# PATCH /api/me/preferences: the version the member saw and what they change.
PREFERENCES_BODY = {
    "type": "object",
    "properties": {
        "version": {"type": "integer", "minimum": 1},
        "email": {"type": "boolean"},
        "language": {"enum": list(LANGUAGES)},
    },
    "required": ["version"],
    "additionalProperties": False,
}


def wants_email(notify_email: bool | None) -> bool:
    """E-mail is on until the member turns it off (never chosen counts as on)."""
    return notify_email is not False


def language_of(language: str | None) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE
