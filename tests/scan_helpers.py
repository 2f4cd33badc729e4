"""A technician's certificate to attach scans to (tests/api/test_certificate_scan*.py): a new
SZ technician with one certificate, and the bytes of a PDF and of a file that only claims to
be one."""

from __future__ import annotations

from contextlib import contextmanager

from tests.workload_helpers import crew

PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
TEXT = b"not a scan at all, only text pretending to be a PDF\n" * 3


@contextmanager
def certificate_holder(api, tag: str, number: str):
    """A new SZ technician with one certificate: {username, cert}."""
    with crew([3], tag=tag) as (tech,):
        types = api.get("/api/technicians/job-classes", "sz_manager").body["settings"]
        added = api.post(f"/api/technicians/{tech['username']}/certificates", "sz_manager", {
            "type": types["certificate_types"][0]["code"], "number": number,
            "issuer": "深圳市应急管理局", "valid_from": "2024-01-01", "valid_to": "2030-12-31"})
        assert added.status == 201, added.body
        yield {"username": tech["username"], "cert": added.body}
