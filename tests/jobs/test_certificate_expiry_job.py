"""The certificate expiry job (issue 16): a technician is told once of a certificate entering
the warning window — however often the job runs — and not of one that is revoked, valid for
longer, or already warned; a renewed certificate is warned again when its new end draws near."""

from __future__ import annotations

from datetime import timedelta

from chalicelib.modules.technicians import expiry_job
from tests.conftest import inbox
from tests.sla_helpers import frozen, shanghai
from tests.workload_helpers import crew

NOW = shanghai("2034-06-01T08:30:00")


def _notices(api, user: str) -> list[dict]:
    return [n for n in inbox(api, user) if n["notice"] == expiry_job.NOTICE]


def _cert(api, username: str, number: str, valid_to: str) -> dict:
    kinds = api.get("/api/technicians/job-classes", "sz_manager").body["settings"][
        "certificate_types"]
    with frozen(NOW - timedelta(days=60)):
        reply = api.post(f"/api/technicians/{username}/certificates", "sz_manager", {
            "type": kinds[0]["code"], "number": number, "issuer": "深圳市应急管理局",
            "valid_from": "2031-01-01", "valid_to": valid_to})
    assert reply.status == 201, reply.body
    return reply.body


def test_a_technician_is_told_once_of_a_certificate_about_to_expire(api):
    with crew([3], tag="cexp") as (tech,):
        username = tech["username"]
        warn = api.get("/api/technicians/certificates/expiring?outlet=SZ",
                       "sz_manager").body["warn_days"]
        soon = _cert(api, username, "DG-SOON", (NOW.date() + timedelta(days=12)).isoformat())
        _cert(api, username, "DG-LATER", (NOW.date() + timedelta(days=warn + 5)).isoformat())
        gone = _cert(api, username, "DG-GONE", (NOW.date() + timedelta(days=3)).isoformat())
        assert api.post(f"/api/technicians/{username}/certificates/{gone['id']}/revoke",
                        "sz_manager", {"reason": "已注销", "version": 1}).status == 200

        expiry_job.run(NOW)
        expiry_job.run(NOW)  # the same morning again (delivered twice)
        expiry_job.run(NOW + timedelta(days=1))  # and the next morning
        [told] = _notices(api, username)
        assert "DG-SOON" in told["title"] and soon["valid_to"] in told["body"]
        assert "12" in told["body"]
        assert told["link"] == f"/technicians/{username}"
        assert not any("DG-LATER" in n["title"] or "DG-GONE" in n["title"]
                       for n in _notices(api, username))
        assert not _notices(api, "sz_manager") or all(
            "DG-SOON" not in n["title"] for n in _notices(api, "sz_manager"))

        # renewed for a year (on the version after the warning): nothing now; told again when
        # the new end draws near
        seen = next(c for c in api.get(f"/api/technicians/{username}", "sz_manager").body[
            "certificates"] if c["id"] == soon["id"])
        assert seen["version"] == soon["version"]  # the warning does not move its version
        with frozen(NOW + timedelta(days=2)):
            renewed = api.call("PUT", f"/api/technicians/{username}/certificates/{soon['id']}",
                               "sz_manager", {**{k: soon[k] for k in (
                                   "type", "number", "issuer", "valid_from")},
                                   "valid_to": "2035-06-13", "version": seen["version"]})
        assert renewed.status == 200, renewed.body
        expiry_job.run(NOW + timedelta(days=2))
        assert len(_notices(api, username)) == 1
        expiry_job.run(shanghai("2035-06-01T08:30:00"))
        expiry_job.run(shanghai("2035-06-01T08:30:00"))
        assert len(_notices(api, username)) == 2
        # the later certificate's turn comes in its own window, once
        later_day = NOW + timedelta(days=10)
        expiry_job.run(later_day)
        assert len([n for n in _notices(api, username) if "DG-LATER" in n["title"]]) == 1


def test_the_scheduled_entry_runs_the_job(api):
    with frozen(NOW):
        assert "told" in expiry_job.handle({}, None)
