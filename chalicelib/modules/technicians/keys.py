"""Every key and index entry of the technicians area, spelled once (docs/data-model.md)."""

from __future__ import annotations

from chalicelib.modules.technicians.models import (
    Certificate,
    CertificateEvent,
    CertificateScan,
    StarChange,
)

CERT_PREFIX = "CERT#"
SCAN_PREFIX = "CERTSCAN#"  # not under CERT#: the certificates' query does not read the scans'
WARNED_PREFIX = "CERTWARNED#"  # the expiry job's markers; not under CERT# either
SCAN_KEY_PREFIX = "cert-scans/"  # S3, outside uploads/ (the evidence area's S3 event's)
STAR_PREFIX = "STAR#"
EVENT_PREFIX = "EVENT#"


def person_pk(username: str) -> str:
    """A technician's collection: certificates and star changes."""
    return f"TECH#{username}"


def certificate_sk(certificate_id: str) -> str:
    return f"{CERT_PREFIX}{certificate_id}"


def expiry_pk(outlet: str) -> str:
    """An outlet's certificates by the day they expire (gsi1)."""
    return f"CERTEXP#{outlet}"


def expiry_sk(valid_to: str, username: str = "", certificate_id: str = "") -> str:
    if not username:
        return f"{valid_to}#"
    return f"{valid_to}#{username}#{certificate_id}"


def index_certificate(certificate: Certificate) -> None:
    certificate.pk = person_pk(certificate.username)
    certificate.sk = certificate_sk(certificate.id)
    if certificate.revoked_at:  # a revoked certificate leaves the expiry list (and the job)
        certificate.gsi1pk = certificate.gsi1sk = None
        return
    certificate.gsi1pk = expiry_pk(certificate.outlet)
    certificate.gsi1sk = expiry_sk(certificate.valid_to, certificate.username, certificate.id)


def warned_sk(certificate_id: str, valid_to: str) -> str:
    """The marker (in the holder's collection) that they were told of the certificate ending on
    `valid_to`: written once, with the notice (expiry_job.py); a renewal's new end has none."""
    return f"{WARNED_PREFIX}{certificate_id}#{valid_to}"


def index_star_change(change: StarChange) -> None:
    change.pk = person_pk(change.username)
    change.sk = f"{STAR_PREFIX}{change.at}#{change.id}"


def index_certificate_event(event: CertificateEvent) -> None:
    event.pk = person_pk(event.username)
    event.sk = f"{EVENT_PREFIX}{event.at}#{event.id}"


def scan_sk(certificate_id: str, scan_id: str = "") -> str:
    """A certificate's scans (and, without `scan_id`, the prefix of all of them)."""
    return f"{SCAN_PREFIX}{certificate_id}#{scan_id}"


def index_scan(scan: CertificateScan) -> None:
    scan.pk = person_pk(scan.username)
    scan.sk = scan_sk(scan.certificate_id, scan.id)


def scan_object_key(outlet: str, username: str, certificate_id: str, scan_id: str) -> str:
    """Where the browser uploads a scan (the attachments bucket)."""
    return f"{SCAN_KEY_PREFIX}{outlet}/{username}/{certificate_id}/{scan_id}"


def scan_thumb_key(outlet: str, username: str, certificate_id: str, scan_id: str,
                   sha256: str) -> str:
    """A photographed scan's thumbnail, named after the bytes it shows (as an order's)."""
    return f"thumbs/cert-scans/{outlet}/{username}/{certificate_id}/{scan_id}-{sha256[:16]}.jpg"
