"""Issue 16: technicians in the browser. A manager reads the outlet's technicians (stars,
certificates tagged by status), changes a technician's stars on an exam (the history shows it),
adds a certificate and reads the expiry list (an expired 电工证, an expiring 焊工证, soonest
first); the technician reads their own file on a 375 px phone without the manager's buttons and
may not change stars. In English, head office renews a certificate and revokes another. Each
test brings its own technician and certificates through the API."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.e2e.helpers import choose, login, no_horizontal_scroll
from tests.workload_helpers import crew

PHONE = {"width": 375, "height": 812, "mobile": True}
DESKTOP = {"width": 1366, "height": 768}
ENGLISH = "localStorage.setItem('fuwu.lang', 'en-US')"
BEIJING = ZoneInfo("Asia/Shanghai")  # the SZ outlet's zone: a certificate's days are its days


def _today() -> date:
    return datetime.now(BEIJING).date()


def _table(api) -> tuple[dict[str, dict], int]:
    """Head office's certificate types (code → names) and warning window as the table stands
    now (a policy test may have saved another version)."""
    reply = api.get("/api/technicians/job-classes", "sz_manager")
    assert reply.status == 200, reply.body
    settings = reply.body["settings"]
    types = {t["code"]: t for t in settings["certificate_types"]}
    assert {"electrician", "welder", "height"} <= set(types), types
    return types, int(settings["warn_days"])


def _certificate(api, username: str, kind: str, valid_from: date, valid_to: date) -> dict:
    reply = api.post(f"/api/technicians/{username}/certificates", "sz_manager", {
        "type": kind, "number": f"T{uuid.uuid4().hex[:10].upper()}", "issuer": "深圳市应急管理局",
        "valid_from": valid_from.isoformat(), "valid_to": valid_to.isoformat()})
    assert reply.status == 201, reply.body
    return reply.body


def _pick_date(page: Page, test_id: str, day: date) -> None:
    field = page.get_by_test_id(test_id)
    field.click()
    field.fill(day.isoformat())
    field.press("Tab")  # typed, then left: Enter would submit the dialog's form
    expect(field).to_have_value(day.isoformat())


def _is_before(page: Page, first: str, second: str) -> bool:
    """The element with test id `first` comes before `second` in the page."""
    return page.evaluate(
        "([a, b]) => Boolean(document.querySelector(`[data-testid='${a}']`)"
        ".compareDocumentPosition(document.querySelector(`[data-testid='${b}']`))"
        " & Node.DOCUMENT_POSITION_FOLLOWING)", [first, second])


def test_a_manager_changes_stars_adds_a_certificate_and_reads_the_expiry_list(page_factory, api):
    types, warn_days = _table(api)
    today, soon = _today(), min(10, warn_days)  # expiring: within the warning window
    with crew([2], outlet="SZ", tag="tfl") as (tech,):
        username, name = tech["username"], tech["name"]
        expired = _certificate(api, username, "electrician", today - timedelta(days=1000),
                               today - timedelta(days=5))
        expiring = _certificate(api, username, "welder", today - timedelta(days=700),
                                today + timedelta(days=soon))
        assert (expired["status"], expiring["status"]) == ("expired", "expiring")

        # the outlet's technicians: stars, certificates tagged by status, the counts
        manager = page_factory(**DESKTOP)
        login(manager, "sz_manager")
        manager.get_by_test_id("menu-technicians").click()
        row = manager.get_by_test_id(f"tech-row-{username}")
        expect(row.get_by_test_id("tech-stars")).to_have_attribute("data-stars", "2")
        expect(row.get_by_test_id("cert-tag-electrician")).to_have_attribute("data-status", "expired")
        expect(row.get_by_test_id("cert-tag-electrician")).to_contain_text(types["electrician"]["name_zh"])
        expect(row.get_by_test_id("cert-tag-welder")).to_have_attribute("data-status", "expiring")
        expect(row.get_by_test_id("tech-expiring")).to_have_text("1")
        expect(row.get_by_test_id("tech-expired")).to_have_text("1")

        # the file: 2★ → 4★ on an exam, the history shows it
        row.get_by_role("link", name=name).click()
        expect(manager).to_have_url(re.compile(f"/technicians/{username}$"))
        expect(manager.get_by_test_id("tech-file-name")).to_contain_text(name)
        expect(manager.get_by_test_id("tech-file-stars")).to_have_attribute("data-stars", "2")
        expect(manager.get_by_test_id("tech-history")).to_contain_text("暂无星级变更")
        manager.get_by_test_id("stars-change").click()
        stars = manager.get_by_test_id("stars-modal")
        expect(stars).to_be_visible()
        stars.get_by_test_id("stars-to-4").click()
        stars.get_by_test_id("stars-reference-exam").click()
        stars.get_by_test_id("stars-reference-ref").fill("2026年第3期理论与实操考核")
        stars.get_by_test_id("stars-reason").fill("考核合格，可承担发动机与变速箱维修")
        manager.get_by_test_id("stars-submit").click()
        expect(stars).to_be_hidden()
        expect(manager.get_by_test_id("tech-file-stars")).to_have_attribute("data-stars", "4")
        change = manager.get_by_test_id("tech-history").get_by_test_id("history-row")
        expect(change).to_have_count(1)
        expect(change).to_contain_text("2 星 → 4 星")
        expect(change).to_contain_text("考试 · 2026年第3期理论与实操考核")
        expect(change).to_contain_text("考核合格")
        file = api.get(f"/api/technicians/{username}", "sz_manager").body
        assert file["star_level"] == 4
        assert file["stars_history"][0]["reference"] == {"kind": "exam", "ref": "2026年第3期理论与实操考核"}
        assert (file["stars_history"][0]["from"], file["stars_history"][0]["to"],
                file["stars_history"][0]["by"]) == (2, 4, "sz_manager")

        # a new certificate: 高处作业证, valid for two years
        manager.get_by_test_id("cert-add").click()
        form = manager.get_by_test_id("cert-modal")
        expect(form).to_be_visible()
        choose(manager, "cert-type", types["height"]["name_zh"])
        number = f"GC{uuid.uuid4().hex[:8].upper()}"
        form.get_by_test_id("cert-number").fill(number)
        form.get_by_test_id("cert-issuer").fill("深圳市应急管理局")
        _pick_date(manager, "cert-valid-from", today - timedelta(days=10))
        _pick_date(manager, "cert-valid-to", today + timedelta(days=720))
        manager.get_by_test_id("cert-submit").click()
        expect(form).to_be_hidden()
        added = manager.locator("[data-testid^='cert-row-'][data-type='height']")
        expect(added).to_have_attribute("data-status", "valid")
        expect(added).to_contain_text(number)
        held = api.get(f"/api/technicians/{username}", "sz_manager").body["certificates"]
        assert [(c["type"], c["number"], c["status"]) for c in held if c["type"] == "height"] == [
            ("height", number, "valid")]

        # the expiry list: the expired 电工证 first (soonest), then the expiring 焊工证; the
        # new one (two years) is not on it
        manager.get_by_test_id("menu-certificateExpiry").click()
        expect(manager).to_have_url(re.compile(r"/technicians/certificates/expiring"))
        late = manager.get_by_test_id(f"expiry-row-{expired['id']}")
        early = manager.get_by_test_id(f"expiry-row-{expiring['id']}")
        expect(late).to_have_attribute("data-status", "expired")
        expect(late).to_contain_text(types["electrician"]["name_zh"])
        expect(late).to_contain_text(name)
        expect(late).to_contain_text("已过期 5 天")
        expect(late.get_by_test_id("cert-status")).to_have_text("已过期")
        expect(early).to_have_attribute("data-status", "expiring")
        expect(early).to_contain_text(f"剩余 {soon} 天")
        assert _is_before(manager, f"expiry-row-{expired['id']}", f"expiry-row-{expiring['id']}")
        expect(manager.get_by_test_id("expiry-list")).not_to_contain_text(number)

        # the technician's own file on a phone (我的技术档案): stars, certificates with their
        # expiry, this month; no manager's buttons, and the API refuses a star change
        phone = page_factory(**PHONE)
        login(phone, username)
        phone.get_by_test_id("menu-toggle").click()
        phone.get_by_test_id("menu-myTechnicianFile").click()
        expect(phone).to_have_url(re.compile(r"/technicians/me$"))
        expect(phone.get_by_test_id("tech-file")).to_have_attribute("data-username", username)
        expect(phone.get_by_test_id("tech-file-stars")).to_have_attribute("data-stars", "4")
        own_expired = phone.get_by_test_id(f"cert-row-{expired['id']}")
        expect(own_expired).to_have_attribute("data-status", "expired")
        expect(own_expired.get_by_test_id("cert-days")).to_have_text("已过期 5 天")
        own_expiring = phone.get_by_test_id(f"cert-row-{expiring['id']}")
        expect(own_expiring.get_by_test_id("cert-days")).to_have_text(f"剩余 {soon} 天")
        own_new = phone.locator("[data-testid^='cert-row-'][data-type='height']")
        expect(own_new).to_have_attribute("data-status", "valid")
        month = phone.get_by_test_id("tech-month")
        expect(month).to_have_attribute("data-month", today.strftime("%Y-%m"))
        expect(month.get_by_test_id("tech-month-completed")).to_be_visible()
        history = phone.get_by_test_id("tech-history").get_by_test_id("history-row")
        expect(history).to_contain_text("2 星 → 4 星")
        expect(phone.get_by_test_id("stars-change")).to_have_count(0)
        expect(phone.get_by_test_id("cert-add")).to_have_count(0)
        expect(phone.get_by_test_id("cert-revoke")).to_have_count(0)
        assert no_horizontal_scroll(phone)
        refused = api.post(f"/api/technicians/{username}/stars", username, {
            "to": 5, "reference": {"kind": "exam", "ref": "自评"}, "reason": "自评",
            "version": file["version"]})
        assert refused.status == 403, refused.body


def test_head_office_renews_and_revokes_certificates_in_english(page_factory, api):
    types, warn_days = _table(api)
    today, soon = _today(), min(20, warn_days)
    with crew([3], outlet="SZ", tag="tfe") as (tech,):
        username, name = tech["username"], tech["name"]
        expired = _certificate(api, username, "electrician", today - timedelta(days=1000),
                               today - timedelta(days=3))
        expiring = _certificate(api, username, "welder", today - timedelta(days=700),
                                today + timedelta(days=soon))

        office = page_factory(**DESKTOP)
        office.context.add_init_script(ENGLISH)
        login(office, "hq_admin", land=False)
        office.goto("/technicians/certificates/expiring?outlet=SZ")
        late = office.get_by_test_id(f"expiry-row-{expired['id']}")
        expect(late.get_by_test_id("cert-status")).to_have_text("Expired")
        expect(late).to_contain_text(types["electrician"]["name_en"])
        expect(late).to_contain_text("Expired 3 d ago")
        expect(office.get_by_test_id(f"expiry-row-{expiring['id']}")).to_contain_text(f"Days left: {soon}")

        # the file in English: head office may change stars (not its own file)
        late.get_by_role("link", name=name).click()
        expect(office.get_by_test_id("tech-file-name")).to_have_text(f"{name}'s technician file")
        expect(office.get_by_test_id("stars-change")).to_have_text("Change star level")
        expect(office.get_by_test_id("tech-month")).to_contain_text(
            f"This month ({today.strftime('%Y-%m')}) so far")

        # the expired licence renewed: valid again
        office.get_by_test_id(f"cert-row-{expired['id']}").get_by_test_id("cert-edit").click()
        form = office.get_by_test_id("cert-modal")
        expect(form).to_be_visible()
        expect(form.get_by_test_id("cert-number")).to_have_value(expired["number"])
        _pick_date(office, "cert-valid-to", today + timedelta(days=1095))
        office.get_by_test_id("cert-submit").click()
        expect(form).to_be_hidden()
        renewed = office.get_by_test_id(f"cert-row-{expired['id']}")
        expect(renewed).to_have_attribute("data-status", "valid")
        expect(renewed.get_by_test_id("cert-status")).to_have_text("Valid")

        # the welder's certificate revoked with a reason: marked, no longer counting
        office.get_by_test_id(f"cert-row-{expiring['id']}").get_by_test_id("cert-revoke").click()
        revoke = office.get_by_test_id("revoke-modal")
        expect(revoke).to_be_visible()
        revoke.get_by_test_id("revoke-reason").fill("Lost; the issuer cancelled it")
        office.get_by_test_id("revoke-submit").click()
        expect(revoke).to_be_hidden()
        revoked = office.get_by_test_id(f"cert-row-{expiring['id']}")
        expect(revoked).to_have_attribute("data-status", "revoked")
        expect(revoked).to_contain_text("Revoked: Lost; the issuer cancelled it")
        expect(revoked.get_by_test_id("cert-revoke")).to_have_count(0)

        # neither is on the expiry list any more
        office.goto("/technicians/certificates/expiring?outlet=SZ")
        # the table shows once the answer is in
        expect(office.get_by_test_id("expiry-list")).to_be_visible()
        expect(office.get_by_test_id(f"expiry-row-{expired['id']}")).to_have_count(0)
        expect(office.get_by_test_id(f"expiry-row-{expiring['id']}")).to_have_count(0)
        held = {c["id"]: c for c in api.get(f"/api/technicians/{username}", "hq_admin").body["certificates"]}
        assert held[expired["id"]]["valid_to"] == (today + timedelta(days=1095)).isoformat()
        assert held[expiring["id"]]["status"] == "revoked"
