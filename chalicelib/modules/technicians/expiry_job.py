"""The certificate expiry job (证书到期提醒): every morning, each outlet's certificates entering
the warning window (valid_to within head office's warn_days of the outlet's today) and not yet
warned are told to their technician once — the inbox message (and e-mail to who wants it) and
a marker of (certificate, valid_to) in the holder's collection, written only if absent, in one
transaction; a second run, or a run delivered twice, tells no one again. The certificate itself
is not written (only checked unchanged), so its version does not move: a form opened on it
before the job ran (an edit, a scan) still saves. Index range queries and key reads only
(CERTEXP#<outlet>, the due certificates' markers), never the whole table. A renewed certificate
(a new valid_to, a marker of its own) is warned again when its new end draws near."""

from __future__ import annotations

from datetime import datetime, timedelta

from chalicelib.kernel.observability import count, flush, logger
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import Check
from chalicelib.modules.directory import public as directory
from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.sla import public as sla
from chalicelib.modules.technicians import certificates, keys
from chalicelib.modules.technicians.models import Certificate

NOTICE = "certificate_expiring"  # the notifications' `notice` vocabulary (technicians')
LEVEL = "handoff"  # a work notice, not a deadline's level
SUBJECT = "certificate"


def link(username: str) -> str:
    """The technician's own record in the SPA."""
    return f"/technicians/{username}"


def texts(certificate: Certificate, type_names: dict[str, dict[str, str]],
          left: int) -> tuple[dict, dict]:
    kind = {lang: type_names[lang].get(certificate.cert_type, certificate.cert_type)
            for lang in ("zh", "en")}
    return notifications.notice_texts(
        NOTICE, {lang: f"{kind[lang]} {certificate.number}" for lang in kind}, {
            "zh": (f"您的{kind['zh']}（编号 {certificate.number}，{certificate.issuer}）将于 "
                   f"{certificate.valid_to} 到期，还剩 {left} 天。请及时办理复审或换证，"
                   f"到期后该证书不再计入派工资格。"),
            "en": (f"Your {kind['en']} (no. {certificate.number}, {certificate.issuer}) "
                   f"expires on {certificate.valid_to}, in {left} days. Please renew it "
                   f"in time: once expired it no longer qualifies you for dispatch.")})


def due(outlet: str, day, warn: int) -> list[Certificate]:
    """The outlet's certificates ending from `day` to `day` + warn days, not revoked (revoked
    ones are not in the index): one range query."""
    index_sk = type(Certificate.gsi1).gsi1sk
    first, last = day.isoformat(), (day + timedelta(days=warn)).isoformat()
    return [c for c in Certificate.gsi1.query(keys.expiry_pk(outlet), index_sk.between(
        keys.expiry_sk(first), keys.expiry_sk(last) + "\uffff")) if isinstance(c, Certificate)]


def _marker_key(certificate: Certificate) -> tuple[str, str]:
    return keys.person_pk(certificate.username), keys.warned_sk(certificate.id,
                                                                  certificate.valid_to)


def _warn(certificate: Certificate, person, names: dict, left: int, at: str) -> bool:
    """The notice and the marker in one transaction, the marker only if absent and only if the
    certificate is still as read (not revoked or renewed meanwhile: the next run decides)."""
    title, body = texts(certificate, names, left)
    guard = Check(Certificate, certificate.pk, certificate.sk,
                  Certificate.version == int(certificate.version))
    return sla.tell_once(
        _marker_key(certificate), [person], at=at, guard=[guard], level=LEVEL, notice=NOTICE,
        title=title, body=body, link=link(person.username), subject_kind=SUBJECT,
        subject_id=certificate.id, reference=certificate.number)


def run(now: datetime | None = None) -> dict:
    """Warn every outlet's technicians of their certificates entering the window."""
    now = now or kernel_keys.utc_now()
    at = kernel_keys.iso(now)
    document, _version = certificates.policy()
    warn = certificates.warn_days(document)
    names = {lang: certificates.type_names(document, lang) for lang in ("zh", "en")}
    told = 0
    for outlet in directory.all_outlets():
        if outlet.is_head_office:
            continue
        day = now.astimezone(directory.zone(outlet.code)).date()
        # `warned_at`: told before the markers existed (a new valid_to clears it)
        due_now = [c for c in due(outlet.code, day, warn) if not c.warned_at]
        told_before = sla.told_markers([_marker_key(c) for c in due_now])
        for certificate in due_now:
            if _marker_key(certificate) in told_before:
                continue
            person = directory.staff(certificate.username)
            if person is None or not person.active:
                continue
            left = (datetime.fromisoformat(certificate.valid_to).date() - day).days
            if _warn(certificate, person, names, left, at):
                told += 1
                count("CertificateWarnings")
    logger.info("certificate expiry warnings", extra={"told": told})
    return {"told": told}


def handle(event: object = None, context: object | None = None) -> dict:
    """The scheduled entry (delivered at least once: a rerun tells nobody again)."""
    logger.set_correlation_id(getattr(context, "aws_request_id", None)
                              or kernel_keys.new_id("certexp"))
    try:
        return run()
    finally:
        flush()
