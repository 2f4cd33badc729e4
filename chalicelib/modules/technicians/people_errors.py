"""The technicians' refusals with codes of their own (texts: schemas.py MESSAGES)."""

from __future__ import annotations

from chalicelib.kernel.errors import Forbidden, InvalidTransition


class OwnStars(Forbidden):
    """Nobody changes their own star level (403)."""

    code = "own_stars"


class CertificateRevoked(InvalidTransition):
    """A revoked certificate stays as it was revoked: neither edited nor revoked again (409)."""

    code = "certificate_revoked"
