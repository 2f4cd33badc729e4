"""Technicians: an outlet's list, a technician's file, star changes, certificates and the
expiry list (file.py, stars.py, certificates.py)."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, lang, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.technicians.schemas import (
    CERT_BODY,
    CERT_EDIT_BODY,
    REVOKE_BODY,
    SCAN_SLOT_BODY,
    STARS_BODY,
)

certificates = lazy("chalicelib.modules.technicians.certificates")
files = lazy("chalicelib.modules.technicians.file")
scans = lazy("chalicelib.modules.technicians.scans")
stars = lazy("chalicelib.modules.technicians.stars")
bp = Blueprint(__name__)


@endpoint(bp, "/api/technicians", "GET", summary="An outlet's technicians with their stars and "
          "certificates (status today, how many expiring or expired): a manager their outlet, "
          "head office the outlet asked for (required)", response="TechnicianList",
          query=("outlet",), errors=(400, 401, 403, 404), permission="technicians.list")
def list_technicians():
    return reply(files.listing(actor(), query(), lang()))


@endpoint(bp, "/api/technicians/certificates/expiring", "GET", summary="An outlet's "
          "certificates expiring within the warning window or expired in the last 30 days, "
          "soonest first (revoked ones not listed): a manager their outlet, head office the "
          "outlet asked for (required)", response="ExpiringCertificates", query=("outlet",),
          errors=(400, 401, 403, 404), permission="technicians.list")
def expiring_certificates():
    return reply(certificates.expiring(actor(), query(), lang()))


@endpoint(bp, "/api/technicians/{username}", "GET", summary="A technician's file: stars with "
          "their history, certificates, this month's figures so far; the person themself, "
          "their outlet's managers, head office (anyone else: 404)", response="TechnicianFile",
          errors=(401, 403, 404), permission="technicians.read")
def technician_file(username):
    return reply(files.technician_file(actor(), username, lang()))


@endpoint(bp, "/api/technicians/{username}/stars", "POST", summary="Change a technician's star "
          "level on an exam or appraisal (a manager of their outlet, head office; never one's "
          "own: 403 own_stars), checked against the file's version; answers the file",
          response="TechnicianFile", body=STARS_BODY, errors=(400, 401, 403, 404, 409),
          permission="technicians.stars.write")
def change_stars(username):
    stars.change(actor(), username, json_body())
    return reply(files.technician_file(actor(), username, lang()))


@endpoint(bp, "/api/technicians/{username}/certificates", "POST", summary="Enter a technician's "
          "certificate (a manager of their outlet, head office)", response="CertificateView",
          status=201, body=CERT_BODY, errors=(400, 401, 403, 404),
          permission="technicians.certificates.write")
def add_certificate(username):
    return reply(certificates.add(actor(), username, json_body(), lang()), 201)


@endpoint(bp, "/api/technicians/{username}/certificates/{certificate_id}", "PUT",
          summary="Correct or renew a certificate, checked against the version seen",
          response="CertificateView", body=CERT_EDIT_BODY, errors=(400, 401, 403, 404, 409),
          permission="technicians.certificates.write")
def edit_certificate(username, certificate_id):
    return reply(certificates.edit(actor(), username, certificate_id, json_body(), lang()))


@endpoint(bp, "/api/technicians/{username}/certificates/{certificate_id}/revoke", "POST",
          summary="Revoke a certificate with a reason: it stops counting at once",
          response="CertificateView", body=REVOKE_BODY, errors=(400, 401, 403, 404, 409),
          permission="technicians.certificates.write")
def revoke_certificate(username, certificate_id):
    return reply(certificates.revoke(actor(), username, certificate_id, json_body(), lang()))


@endpoint(bp, "/api/technicians/{username}/certificates/{certificate_id}/scan", "POST",
          status=201, body=SCAN_SLOT_BODY, summary="A presigned form to upload the "
          "certificate's scan (a PDF or a photo) straight to S3, on the certificate's version "
          "seen (a manager of the holder's outlet, head office)",
          response="CertificateScanSlot", errors=(400, 401, 403, 404, 409),
          permission="technicians.certificates.write")
def request_certificate_scan(username, certificate_id):
    return reply(scans.request_upload(actor(), username, certificate_id, json_body()), 201)


@endpoint(bp, "/api/technicians/{username}/certificates/{certificate_id}/scan/{scan_id}/confirm",
          "POST", summary="Verify an uploaded scan (time, size, magic number) and make it the "
          "certificate's, with its audit entry; 400 upload_rejected with the reason when it is "
          "not what it claims (deleted), 409 upload_not_found while nothing has arrived, 409 "
          "stale_version / certificate_revoked when the certificate changed since the form",
          response="CertificateView", errors=(400, 401, 403, 404, 409),
          permission="technicians.certificates.write")
def confirm_certificate_scan(username, certificate_id, scan_id):
    return reply(scans.confirm(actor(), username, certificate_id, scan_id, lang()))
