"""A technician's certificates (电工证, 焊工证 …): what they hold (the gate reads it), adding,
editing and revoking one (a manager of their outlet or head office, checked against the version
seen), the view with its status on the outlet's local date, and an outlet's expiry list (one
range query of the CERTEXP index). docs/technicians.md."""

from __future__ import annotations

from datetime import date, timedelta

from pynamodb.exceptions import DoesNotExist

from chalicelib.kernel.access import outlet_scope
from chalicelib.kernel.actor import HEAD_OFFICE, Actor
from chalicelib.kernel.config import settings
from chalicelib.kernel.errors import Forbidden, NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.store import files
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import transact
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.validation import parse_date
from chalicelib.modules.directory import public as directory
from chalicelib.modules.technicians import keys
from chalicelib.modules.technicians.models import Certificate, CertificateEvent
from chalicelib.modules.technicians.people_errors import CertificateRevoked

EXPIRED_SHOWN_DAYS = 30  # the expiry list also shows what expired in the last 30 days
DEFAULT_WARN_DAYS = 30


# ---------------------------------------------------------------- reading

def held(username: str) -> list[Certificate]:
    """Every certificate of a person, revoked and expired ones included, by id (one key query
    of their TECH# collection). Whether one counts on a day: `counts(certificate, day)`."""
    return list(Certificate.query(keys.person_pk(username),
                                  Certificate.sk.startswith(keys.CERT_PREFIX),
                                  consistent_read=True))


def counts(certificate: Certificate, day: str) -> bool:
    """A certificate counts on `day` (yyyy-mm-dd, the outlet's local date) when it is not
    revoked and valid_from ≤ day ≤ valid_to."""
    return (not certificate.revoked_at
            and certificate.valid_from <= day <= certificate.valid_to)


def today(outlet: str) -> date:
    """The outlet's local date now (a certificate's days are the outlet's calendar days)."""
    return kernel_keys.utc_now().astimezone(directory.zone(outlet)).date()


def policy() -> tuple[dict, int]:
    """Head office's job-class table (certificate types, warn_days) as in force now, and its
    version (job_classes.py)."""
    from chalicelib.modules.technicians import job_classes

    return job_classes.settings_now()


def warn_days(document: dict | None = None) -> int:
    document = document if document is not None else policy()[0]
    return int(document.get("warn_days") or DEFAULT_WARN_DAYS)


def type_names(document: dict, lang: str) -> dict[str, str]:
    return {t["code"]: t["name_en"] if lang == "en" else t["name_zh"]
            for t in document.get("certificate_types", [])}


def status(certificate: Certificate, day: date, warn: int) -> tuple[str, int]:
    """valid | expiring | expired | not_yet_valid | revoked on `day`, and the days left until
    valid_to (negative once expired). Only valid and expiring count for the gate (`counts`)."""
    left = (date.fromisoformat(certificate.valid_to) - day).days
    if certificate.revoked_at:
        return "revoked", left
    if left < 0:
        return "expired", left
    if date.fromisoformat(certificate.valid_from) > day:
        return "not_yet_valid", left
    return ("expiring" if left <= warn else "valid"), left


def scan_view(scan: dict | None, links: bool) -> dict | None:
    """The certificate's scan (scans.py) as the views show it; with `links`, fresh short-lived
    links to the file (opened under its name) and a photo's thumbnail — only for the answers
    whose screen shows them (the technician's file, a single certificate), not the lists."""
    if not scan:
        return None
    moment = kernel_keys.utc_now() + timedelta(seconds=settings().download_url_seconds)
    thumb = scan.get("thumb_key")
    return {
        "id": scan["id"], "content_type": scan["content_type"], "size": int(scan["size"]),
        "filename": scan.get("filename"), "uploaded_at": scan["uploaded_at"],
        "by": scan["by"], "by_name": scan.get("by_name"),
        "url": files.presigned_get(scan["key"], scan.get("version_id"), scan["content_type"],
                                   scan.get("filename")) if links else None,
        "thumb_url": files.presigned_get(thumb, None, "image/jpeg")
        if links and thumb else None,
        "urls_expire_at": kernel_keys.iso(moment) if links else None,
    }


class Viewer:
    """What views need once per answer: the day at the outlet, the warning window, the type
    names in the reader's language, and whether the scans get links (`links`)."""

    def __init__(self, outlet: str, lang: str = "zh", document: dict | None = None,
                 links: bool = False):
        document = document if document is not None else policy()[0]
        self.day = today(outlet)
        self.warn = warn_days(document)
        self.names = type_names(document, lang)
        self.links = links

    def view(self, certificate: Certificate) -> dict:
        state, left = status(certificate, self.day, self.warn)
        return {"id": certificate.id, "type": certificate.cert_type,
                "type_name": self.names.get(certificate.cert_type, certificate.cert_type),
                "number": certificate.number, "issuer": certificate.issuer,
                "valid_from": certificate.valid_from, "valid_to": certificate.valid_to,
                "status": state, "days_left": left,
                "revoked_reason": certificate.revoked_reason,
                "scan": scan_view(certificate.scan, self.links),
                "version": int(certificate.version)}


def views(username: str, outlet: str, lang: str = "zh", links: bool = False) -> list[dict]:
    """A person's certificates as views, soonest expiry first (`links`: the scans' links)."""
    viewer = Viewer(outlet, lang, links=links)
    found = sorted(held(username), key=lambda c: (c.valid_to, c.id))
    return [viewer.view(c) for c in found]


def expiring(actor: Actor, params: dict, lang: str = "zh") -> dict:
    """An outlet's certificates expiring within the warning window or expired in the last 30
    days, soonest first (one range query of gsi1; revoked ones are not in the index)."""
    if actor.role not in ("manager", HEAD_OFFICE):
        raise Forbidden()
    outlet = outlet_scope(actor, params.get("outlet"))
    found_outlet = directory.outlet(outlet)
    if found_outlet is None or found_outlet.is_head_office:
        raise NotFound()
    viewer = Viewer(outlet, lang)
    first = (viewer.day - timedelta(days=EXPIRED_SHOWN_DAYS)).isoformat()
    last = (viewer.day + timedelta(days=viewer.warn)).isoformat()
    index_sk = type(Certificate.gsi1).gsi1sk
    found = Certificate.gsi1.query(keys.expiry_pk(outlet), index_sk.between(
        keys.expiry_sk(first), keys.expiry_sk(last) + "\uffff"))
    items = []
    for certificate in found:
        if not isinstance(certificate, Certificate) or certificate.revoked_at:
            continue
        person = directory.staff(certificate.username)
        if person is not None and person.outlet != outlet:
            continue  # moved to another outlet since it was entered: theirs now
        items.append({**viewer.view(certificate), "username": certificate.username,
                      "name": person.name if person else certificate.name})
    return {"outlet": outlet, "warn_days": viewer.warn, "items": items}


# ---------------------------------------------------------------- writing

def person_to_manage(actor: Actor, username: str):
    """The technician the path names, for a manager of their outlet or head office (anyone
    else: 403; another outlet's manager: 404, the person does not exist for them)."""
    person = directory.staff(username)
    if person is None:
        raise NotFound()
    if actor.role == "manager" and actor.outlet != person.outlet:
        raise NotFound()
    if actor.role not in ("manager", HEAD_OFFICE):
        raise Forbidden()
    if person.role != "technician":
        raise NotFound()  # certificates and stars are technicians'
    return person


def blank(values: dict[str, object]) -> dict:
    """400 `required` for text that is only spaces (the schema asks for one character)."""
    return {name: ("required", {}) for name, value in values.items()
            if isinstance(value, str) and not value.strip()}


def _problems(body: dict, document: dict) -> dict:
    problems = blank({"number": body["number"], "issuer": body["issuer"]})
    if body["type"] not in type_names(document, "zh"):
        problems["type"] = ("unknown_certificate_type", {"code": body["type"]})
    start, end = parse_date(body["valid_from"]), parse_date(body["valid_to"])
    if start and end and end < start:
        problems["valid_to"] = ("certificate_ends_before_start", {})
    return problems


def get_certificate(username: str, certificate_id: str) -> Certificate:
    try:
        return Certificate.get(keys.person_pk(username), keys.certificate_sk(certificate_id),
                               consistent_read=True)
    except DoesNotExist:
        raise NotFound() from None


def _lang_viewer(outlet: str, lang: str, document: dict) -> Viewer:
    """A single certificate's answer: its scan with links (the dialog that sent it shows it)."""
    return Viewer(outlet, lang, document, links=True)


AUDITED = ("cert_type", "number", "issuer", "valid_from", "valid_to", "revoked_reason")


def _fields(certificate: Certificate) -> dict:
    return {("type" if name == "cert_type" else name): getattr(certificate, name)
            for name in AUDITED}


def _event(actor: Actor, certificate: Certificate, action: str, before: dict | None,
           at: str) -> tuple[CertificateEvent, object]:
    """The change's audit entry, written in its transaction."""
    event = CertificateEvent(
        id=kernel_keys.new_id("ce"), username=certificate.username,
        certificate_id=certificate.id, action=action,
        data={"before": before, "after": _fields(certificate)}, by=actor.username,
        by_name=directory.actor_name(actor), at=at)
    keys.index_certificate_event(event)
    return event, CertificateEvent.pk.does_not_exist()


def add(actor: Actor, username: str, body: dict, lang: str = "zh") -> dict:
    """Enter a certificate of a technician (a manager of their outlet, head office)."""
    person = person_to_manage(actor, username)
    document, _version = policy()
    problems = _problems(body, document)
    if problems:
        raise ValidationFailed(fields=problems)
    now = kernel_keys.iso(kernel_keys.utc_now())
    certificate = Certificate(
        id=kernel_keys.new_id("crt"), username=person.username, name=person.name,
        outlet=person.outlet, cert_type=body["type"], number=body["number"].strip(),
        issuer=body["issuer"].strip(), valid_from=body["valid_from"], valid_to=body["valid_to"],
        created_by=actor.username, at=now)
    keys.index_certificate(certificate)
    transact([(certificate, Certificate.pk.does_not_exist()),
              _event(actor, certificate, "added", None, now)])
    return _lang_viewer(person.outlet, lang, document).view(certificate)


def issued(actor: Actor, person, cert_type: str, number: str, issuer: str, valid_from: str,
           valid_to: str, now: str) -> tuple[Certificate, list]:
    """A certificate a passed training issues (training.py): the certificate and its audit
    entry as entries of the caller's transaction."""
    certificate = Certificate(
        id=kernel_keys.new_id("crt"), username=person.username, name=person.name,
        outlet=person.outlet, cert_type=cert_type, number=number, issuer=issuer,
        valid_from=valid_from, valid_to=valid_to, created_by=actor.username, at=now)
    keys.index_certificate(certificate)
    return certificate, [(certificate, Certificate.pk.does_not_exist()),
                         _event(actor, certificate, "added", None, now)]


def edit(actor: Actor, username: str, certificate_id: str, body: dict,
         lang: str = "zh") -> dict:
    """Correct or renew a certificate, checked against the version seen (409 when changed
    meanwhile). A new valid_to re-arms the one-time expiry warning."""
    person = person_to_manage(actor, username)
    document, _version = policy()
    problems = _problems(body, document)
    if problems:
        raise ValidationFailed(fields=problems)
    certificate = get_certificate(person.username, certificate_id)
    if int(certificate.version) != int(body["version"]):
        raise StaleVersion()
    if certificate.revoked_at:
        raise CertificateRevoked()
    before = _fields(certificate)
    if body["valid_to"] != certificate.valid_to:
        certificate.warned_at = None
    certificate.cert_type, certificate.number = body["type"], body["number"].strip()
    certificate.issuer = body["issuer"].strip()
    certificate.valid_from, certificate.valid_to = body["valid_from"], body["valid_to"]
    certificate.outlet = person.outlet  # the holder's outlet now (its expiry list)
    certificate.updated_by = actor.username
    certificate.updated_at = kernel_keys.iso(kernel_keys.utc_now())
    keys.index_certificate(certificate)
    try:  # only if still at the version read
        transact([(certificate, None),
                  _event(actor, certificate, "edited", before, certificate.updated_at)])
    except VersionConflict:
        raise StaleVersion() from None
    return _lang_viewer(person.outlet, lang, document).view(certificate)


def revoke(actor: Actor, username: str, certificate_id: str, body: dict,
           lang: str = "zh") -> dict:
    """Revoke a certificate with a reason: it stops counting at once and leaves the expiry
    list; it stays in the person's file as revoked."""
    person = person_to_manage(actor, username)
    document, _version = policy()
    problems = blank({"reason": body["reason"]})
    if problems:
        raise ValidationFailed(fields=problems)
    certificate = get_certificate(person.username, certificate_id)
    if int(certificate.version) != int(body["version"]):
        raise StaleVersion()
    if certificate.revoked_at:
        raise CertificateRevoked()
    before = _fields(certificate)
    certificate.revoked_at = kernel_keys.iso(kernel_keys.utc_now())
    certificate.revoked_reason = body["reason"].strip()
    certificate.revoked_by = actor.username
    keys.index_certificate(certificate)
    try:
        transact([(certificate, None),
                  _event(actor, certificate, "revoked", before, certificate.revoked_at)])
    except VersionConflict:
        raise StaleVersion() from None
    return _lang_viewer(person.outlet, lang, document).view(certificate)
