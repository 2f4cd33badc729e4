"""The certificate expiry job does not move the certificate's version (issue 16, review): a
scan form or an edit form opened on a certificate before the morning's warning still goes
through after it, and the holder is still told only once — also after an edit that keeps the
certificate's end, however often the job runs."""

from __future__ import annotations

from datetime import timedelta

from chalicelib.modules.technicians import expiry_job
from tests.conftest import inbox, post_form
from tests.sla_helpers import frozen, shanghai
from tests.workload_helpers import crew

NOW = shanghai("2034-09-01T08:30:00")
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def _told(api, username: str, number: str) -> list[dict]:
    return [n for n in inbox(api, username)
            if n["notice"] == expiry_job.NOTICE and number in n["title"]]


def test_forms_opened_before_the_warning_still_save_after_it(api):
    with crew([3], tag="cxf") as (tech,):
        username = tech["username"]
        kinds = api.get("/api/technicians/job-classes", "sz_manager").body["settings"][
            "certificate_types"]
        with frozen(NOW - timedelta(days=60)):
            added = api.post(f"/api/technicians/{username}/certificates", "sz_manager", {
                "type": kinds[0]["code"], "number": "XF-0001", "issuer": "深圳市应急管理局",
                "valid_from": "2031-01-01",
                "valid_to": (NOW.date() + timedelta(days=10)).isoformat()})
        assert added.status == 201, added.body
        cert = added.body
        path = f"/api/technicians/{username}/certificates/{cert['id']}"

        # the manager opens the scan form on the certificate as it is, then the job runs
        granted = api.post(f"{path}/scan", "sz_manager", {
            "content_type": "application/pdf", "size": len(PDF), "version": cert["version"]})
        assert granted.status == 201, granted.body
        assert expiry_job.run(NOW)["told"] >= 1
        assert len(_told(api, username, "XF-0001")) == 1

        assert post_form(granted.body["upload"], PDF, "application/pdf").status_code == 204
        confirmed = api.post(f"{path}/scan/{granted.body['scan_id']}/confirm", "sz_manager")
        assert confirmed.status == 200, confirmed.body
        assert confirmed.body["scan"]["id"] == granted.body["scan_id"]
        assert confirmed.body["version"] == cert["version"] + 1  # the scan's, not the job's

        # an edit on the version seen after the scan (the job ran again meanwhile) saves too
        expiry_job.run(NOW + timedelta(hours=1))
        edited = api.call("PUT", path, "sz_manager", {
            **{k: cert[k] for k in ("type", "issuer", "valid_from", "valid_to")},
            "number": "XF-0001A", "version": confirmed.body["version"]})
        assert edited.status == 200, edited.body

        # the same end: told once, however often the job runs
        expiry_job.run(NOW + timedelta(days=1))
        expiry_job.run(NOW + timedelta(days=1))
        assert len(_told(api, username, "XF-0001")) == 1
