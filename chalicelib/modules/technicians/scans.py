"""A certificate's scan (证书扫描件): one current scanned copy of a technician's certificate, a
PDF or a photo, uploaded by those who may edit the certificate (a manager of the holder's
outlet, head office); the holder reads it on their file. docs/technicians.md.

The browser uploads straight to S3 with a presigned POST, as for an order's evidence and a
unit's photos, and the bytes are checked by the evidence area's check when the client confirms
(evidence.public.verify_upload: arrival time, size, magic number; a photo's thumbnail). What
fails is rejected and deleted. A good scan becomes the certificate's `scan` in one transaction
with the scan's verdict and the certificate's audit entry (`scan_attached`), only if the
certificate is still at the version the uploader saw (else 409 stale_version; a revoked one:
409 certificate_revoked) — a scan that lost so is settled rejected with that reason and its
bytes are deleted, and so is anything its form brings afterwards (confirming again answers the
same 409). A replaced scan is kept, item and bytes: the audit entries name what was attached
when.

S3 layout (the attachments bucket), outside `uploads/`, which the evidence area's S3-event
handler watches for orders' uploads:
  cert-scans/<outlet>/<username>/<certificate>/<scan>                 what the browser uploaded
  thumbs/cert-scans/<outlet>/<username>/<certificate>/<scan>-<sha>.jpg  a photo's thumbnail
Items: TECH#<username> / CERTSCAN#<certificate>#<scan> (keys.py).
"""

from __future__ import annotations

from datetime import timedelta

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import cancelled_at, connection, refused
from chalicelib.modules.directory import public as directory
from chalicelib.modules.evidence import public as evidence
from chalicelib.modules.technicians import certificates, keys
from chalicelib.modules.technicians.models import Certificate, CertificateEvent, CertificateScan
from chalicelib.modules.technicians.people_errors import CertificateRevoked

SCAN_TYPES = evidence.DOCUMENT_TYPES  # a PDF or a photo
PENDING_TTL = timedelta(days=1)  # an unconfirmed or rejected scan item is forgotten after this
MAX_OPEN_FORMS = 5  # upload forms of one certificate open at once


def _get_scan(username: str, certificate_id: str, scan_id: str) -> CertificateScan | None:
    try:
        return CertificateScan.get(keys.person_pk(username),
                                   keys.scan_sk(certificate_id, scan_id), consistent_read=True)
    except DoesNotExist:
        return None


def _open_forms(username: str, certificate_id: str) -> int:
    """Upload forms of the certificate not yet used and not expired (one key query of its
    scans)."""
    wall = kernel_keys.wall_now()
    found = CertificateScan.query(keys.person_pk(username),
                                  CertificateScan.sk.startswith(keys.scan_sk(certificate_id)),
                                  consistent_read=True)
    return sum(1 for scan in found if scan.status == "pending"
               and kernel_keys.parse_iso(scan.upload_expires_at) > wall)


def _writable(certificate: Certificate, version: int) -> None:
    if certificate.revoked_at:
        raise CertificateRevoked()
    if int(certificate.version) != int(version):
        raise StaleVersion()


# ---------------------------------------------------------------- the upload form

def request_upload(actor: Actor, username: str, certificate_id: str, body: dict) -> dict:
    """A pending scan and the presigned form to upload its bytes (SCAN_SLOT_BODY), on the
    certificate's version the uploader saw."""
    expires = evidence.form_expiry(body["size"])
    person = certificates.person_to_manage(actor, username)
    certificate = certificates.get_certificate(person.username, certificate_id)
    _writable(certificate, body["version"])
    if _open_forms(person.username, certificate.id) >= MAX_OPEN_FORMS:
        raise ValidationFailed(fields={"file": ("maxItems", {"limit": MAX_OPEN_FORMS})})
    scan_id = kernel_keys.new_id("csc")
    key = keys.scan_object_key(person.outlet, person.username, certificate.id, scan_id)
    scan = CertificateScan(
        id=scan_id, username=person.username, certificate_id=certificate.id,
        certificate_version=int(certificate.version), outlet=person.outlet, status="pending",
        declared_type=body["content_type"], declared_size=body["size"],
        filename=body.get("filename"), s3_key=key, upload_expires_at=kernel_keys.iso(expires),
        requested_by=actor.username, requested_by_name=directory.actor_name(actor),
        requested_at=kernel_keys.iso(kernel_keys.utc_now()),
        expires_at=int((expires + PENDING_TTL).timestamp()))
    keys.index_scan(scan)
    scan.save(condition=CertificateScan.pk.does_not_exist())
    return {"scan_id": scan_id, "certificate_id": certificate.id,
            "upload": evidence.upload_form(key, body["content_type"], body["size"], expires)}


# ---------------------------------------------------------------- verifying what arrived

def confirm(actor: Actor, username: str, certificate_id: str, scan_id: str,
            lang: str = "zh") -> dict:
    """The client says the upload is done: verify it and attach it (idempotent). Answers the
    certificate with its scan. 400 upload_rejected with the reason when the bytes are not what
    the form said (they are deleted); 409 upload_not_found while nothing has arrived; 409
    stale_version / certificate_revoked when the certificate changed since the form was issued
    (the scan is settled rejected, its bytes are deleted — now and whenever it is confirmed
    again: upload again on the certificate as it is now)."""
    person = certificates.person_to_manage(actor, username)
    certificate = certificates.get_certificate(person.username, certificate_id)
    scan = _get_scan(person.username, certificate.id, scan_id)
    if scan is None:
        raise NotFound()
    if scan.status == "pending":
        scan = _refuse_if_changed(actor, certificate, scan)
    if scan.status == "rejected" and scan.reject_reason in REFUSALS:
        # answered as the first time; a re-post of its form since then pins nothing: it goes
        evidence.delete_all_versions(scan.s3_key)
        raise REFUSALS[scan.reject_reason]()
    evidence.verify_upload(
        scan, lambda pending, _checked: _settle(actor, certificate, pending),
        lambda sha256: keys.scan_thumb_key(scan.outlet, scan.username, scan.certificate_id,
                                           scan.id, sha256),
        "CertificateScans", {"certificate": certificate.id, "scan": scan.id})
    document, _version = certificates.policy()
    current = certificates.get_certificate(person.username, certificate.id)
    return certificates.Viewer(person.outlet, lang, document, links=True).view(current)


# a scan refused because its certificate changed since the form: the reason its verdict keeps
# (the error's code) and the 409 a confirmation answers again
REFUSALS: dict[str, type[Exception]] = {StaleVersion.code: StaleVersion,
                                        CertificateRevoked.code: CertificateRevoked}


def _refuse_if_changed(actor: Actor, certificate: Certificate,
                       scan: CertificateScan) -> CertificateScan:
    """A pending scan whose certificate was revoked or changed since its form was issued is
    settled `rejected` (reason stale_version / certificate_revoked, its `scan_rejected` audit
    entry) — so its form, still valid for a few minutes, can no longer bring bytes that nothing
    points at: a later confirmation finds it settled and deletes them. Its bytes are deleted if
    this verdict won. Returns `scan` unchanged when the certificate is as the uploader saw it,
    else the verdict that stands (written by another confirmation meanwhile)."""
    try:
        _writable(certificate, scan.certificate_version)
        return scan
    except (CertificateRevoked, StaleVersion) as refusal:
        code = refusal.code
    scan.status, scan.reject_reason, scan.reject_params = "rejected", code, {}
    settled = _settle(actor, certificate, scan)
    if settled is scan:
        evidence.delete_all_versions(scan.s3_key)
    return settled


def _summary(scan: CertificateScan) -> dict:
    """What the certificate keeps of its current scan (and its audit entry names)."""
    return {"id": scan.id, "key": scan.s3_key, "version_id": scan.s3_version_id,
            "content_type": scan.declared_type, "size": int(scan.size), "sha256": scan.sha256,
            "filename": scan.filename, "thumb_key": scan.thumb_key,
            "uploaded_at": scan.verified_at, "by": scan.requested_by,
            "by_name": scan.requested_by_name}


def _settle(actor: Actor, certificate: Certificate, scan: CertificateScan) -> CertificateScan:
    """The verdict the scan carries and the certificate's audit entry in one transaction, only
    if the scan is still the pending one read; a verified scan becomes the certificate's, only
    if the certificate is still at the version read (the uploader's). Returns `scan` when this
    write won, else the verdict that stands."""
    at = kernel_keys.iso(kernel_keys.utc_now())
    entries: list[tuple[object, object]] = []
    if scan.status == "verified":
        before = certificate.scan
        certificate.scan = _summary(scan)
        keys.index_certificate(certificate)
        entries.append((certificate, None))  # PynamoDB's own: still at the version read
        action, data = "scan_attached", {"before": {"scan": before},
                                         "after": {"scan": certificate.scan}}
    else:
        scan.expires_at = int((kernel_keys.utc_now() + PENDING_TTL).timestamp())
        action, data = "scan_rejected", {"scan": {
            "id": scan.id, "reason": scan.reject_reason, "size": scan.size,
            "declared_size": int(scan.declared_size), "declared_type": scan.declared_type}}
    event = CertificateEvent(
        id=kernel_keys.new_id("ce"), username=certificate.username,
        certificate_id=certificate.id, action=action, data=data, by=actor.username,
        by_name=directory.actor_name(actor), at=at)
    keys.index_certificate_event(event)
    keys.index_scan(scan)
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(scan, condition=CertificateScan.status == "pending")
            for item, condition in entries:
                tx.save(item, condition=condition)
            tx.save(event, condition=CertificateEvent.pk.does_not_exist())
    except TransactWriteError as error:
        if not (cancelled_at(error, 0) or refused(error)):
            raise
        current = _get_scan(scan.username, scan.certificate_id, scan.id)
        if current is None:
            raise NotFound() from None
        if current.status != "pending":
            return current  # another confirmation's verdict stands
        latest = certificates.get_certificate(certificate.username, certificate.id)
        if latest.revoked_at or int(latest.version) != int(scan.certificate_version):
            # the certificate changed (edited, revoked, another scan) while this one was
            # checked: its bytes go, the uploader sends it again on the certificate as it is now
            for key in (scan.s3_key, scan.thumb_key):
                if key:
                    evidence.delete_all_versions(key)
            raise CertificateRevoked() if latest.revoked_at else StaleVersion() from None
        raise StaleVersion() from None  # written by another at that moment: confirm again
    return scan
