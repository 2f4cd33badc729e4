"""The appraisal reminder (issue 16): on the 1st to the 4th each outlet's managers are told once
that last month's appraisal is ready to sign — however often the job runs — and not of a month
already signed. Months far from any other test's (2031), so nobody else signs or tells them."""

from __future__ import annotations

from chalicelib.modules.technicians import appraisal_job
from tests.conftest import inbox
from tests.sla_helpers import frozen, shanghai


def _told(api, user: str, outlet: str, month: str) -> list[dict]:
    return [n for n in inbox(api, user) if n["notice"] == appraisal_job.NOTICE
            and n["subject_id"] == f"{outlet}#{month}"]


def test_each_outlets_managers_are_told_once_that_last_month_is_ready(api):
    first = shanghai("2031-03-01T09:00:00")
    with frozen(first):
        outcome = appraisal_job.run(first)
    assert outcome["told"] >= 2  # SZ's and CD's managers
    sz = _told(api, "sz_manager", "SZ", "2031-02")
    assert len(sz) == 1
    assert sz[0]["link"] == "/technicians/appraisals?outlet=SZ&month=2031-02"
    assert "2031-02" in sz[0]["title"] and "月度考核待签字" in sz[0]["title"]
    assert len(_told(api, "cd_manager", "CD", "2031-02")) == 1
    assert _told(api, "cd_manager", "SZ", "2031-02") == []  # not another outlet's
    assert _told(api, "sz_tech1", "SZ", "2031-02") == []  # managers only
    english = [n for n in inbox(api, "sz_manager", "en")
               if n["subject_id"] == "SZ#2031-02" and n["notice"] == appraisal_job.NOTICE]
    assert english[0]["title"].startswith("[Monthly appraisal ready to sign]")

    for day in ("2031-03-02", "2031-03-04", "2031-03-04"):  # the later runs, one twice
        moment = shanghai(f"{day}T09:00:00")
        with frozen(moment):
            assert appraisal_job.run(moment)["told"] == 0
    assert len(_told(api, "sz_manager", "SZ", "2031-02")) == 1
    assert len(_told(api, "cd_manager", "CD", "2031-02")) == 1


def test_a_month_signed_before_the_job_runs_is_not_announced(api):
    with frozen(shanghai("2031-05-01T08:00:00")):
        april = api.get("/api/technicians/appraisals?outlet=SZ&month=2031-04", "sz_manager")
        assert april.status == 200, april.body
        signed = api.post("/api/technicians/appraisals/sign", "sz_manager", {
            "outlet": "SZ", "month": "2031-04", "version": 0, "digest": april.body["digest"]})
        assert signed.status == 200, signed.body
    moment = shanghai("2031-05-01T09:00:00")
    with frozen(moment):
        appraisal_job.run(moment)
    assert _told(api, "sz_manager", "SZ", "2031-04") == []
    assert len(_told(api, "cd_manager", "CD", "2031-04")) == 1
