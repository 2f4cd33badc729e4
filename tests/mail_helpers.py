"""SES as the mail sender sees it, and the table's stream handed over (infra/local/streams.py):
what was mailed, to whom."""

from __future__ import annotations

from chalicelib.modules.notifications import usecases
from infra.local import streams


class Mailer:
    """SES's `send_email`, recording each mail."""

    def __init__(self):
        self.sent: list[dict] = []

    def send_email(self, Source, Destination, Message):  # noqa: N803 - SES's argument names
        self.sent.append({"to": Destination["ToAddresses"][0],
                          "subject": Message["Subject"]["Data"],
                          "text": Message["Body"]["Text"]["Data"]})


def mailed_now(monkeypatch, mailer: Mailer | None = None) -> Mailer:
    """What the stream holds now, handed to the mail sender with `mailer` as SES."""
    mailer = mailer or Mailer()
    monkeypatch.setattr(usecases, "_mailer", lambda: mailer)
    streams.drain()
    return mailer
