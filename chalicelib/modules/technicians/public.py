"""What other areas may use of the technicians: a person's certificates and whether one counts
on a day, their star history, and a technician's month so far (use cases load on first use,
not with the app)."""

from __future__ import annotations

__all__ = ["certificates_held", "counts", "month_figures", "star_history"]


def certificates_held(username: str) -> list:
    """Every certificate of a person (revoked and expired ones included)."""
    from chalicelib.modules.technicians import certificates

    return certificates.held(username)


def counts(certificate, day: str) -> bool:
    """Whether a certificate counts on `day` (yyyy-mm-dd at the person's outlet)."""
    from chalicelib.modules.technicians import certificates

    return certificates.counts(certificate, day)


def star_history(username: str) -> list[dict]:
    """A person's star changes, newest first (the API's StarChange)."""
    from chalicelib.modules.technicians import stars

    return [stars.view(change) for change in stars.history(username)]


def month_figures(username: str, month: str | None = None) -> dict | None:
    """A technician's month (default: this month so far): completed, on-time rate,
    satisfaction, valid complaints, penalties and rewards; None when there is no such person."""
    from chalicelib.modules.directory import public as directory
    from chalicelib.modules.technicians import file

    person = directory.staff(username)
    return file.month_figures(person, month) if person is not None else None
