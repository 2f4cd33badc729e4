"""The warranty area's refusals with codes of their own (texts: domain/units.py MESSAGES)."""

from __future__ import annotations

from chalicelib.kernel.errors import InvalidTransition


class DuplicateSerial(InvalidTransition):
    """The serial number is registered to a unit of the outlet already (409)."""

    code = "duplicate_serial"


class NoTerms(InvalidTransition):
    """A unit registered before terms existed has none to change (409)."""

    code = "unit_has_no_terms"


class TemplateExists(InvalidTransition):
    """A model's template created again (version null) while one exists (409)."""

    code = "template_exists"
