"""Training sessions in the browser, the guards around recording results: before the session's
day (the outlet's date) the page says when results can be recorded instead of offering the
form; on the day, the results are confirmed in one dialog and sent once."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from tests.e2e.helpers import login
from tests.e2e.test_training import DESKTOP, _score, _session, _today
from tests.workload_helpers import crew


def test_results_wait_for_the_day_and_are_confirmed_once(page_factory, api):
    with crew([2], outlet="SZ", tag="trg") as (tech,):
        tomorrow = (_today() + timedelta(days=1)).isoformat()
        later = _session(api, "sz_manager", [tech], held_on=tomorrow)
        today = _session(api, "sz_manager", [tech])
        manager = page_factory(**DESKTOP)
        login(manager, "sz_manager", land=False)

        manager.goto(f"/technicians/training/sessions/{later['id']}")
        expect(manager.get_by_test_id("record-not-yet")).to_contain_text(tomorrow)
        expect(manager.get_by_test_id("record-form")).to_have_count(0)
        expect(manager.get_by_test_id("record-submit")).to_have_count(0)

        manager.goto(f"/technicians/training/sessions/{today['id']}")
        expect(manager.get_by_test_id("record-form")).to_be_visible()
        expect(manager.get_by_test_id("record-not-yet")).to_have_count(0)
        _score(manager, tech["username"], present=False)
        submit = manager.get_by_test_id("record-submit")
        submit.click()
        expect(manager.get_by_test_id("record-confirm")).to_have_count(1)
        # the form's button cannot open a second dialog while the first is open
        expect(submit).to_be_disabled()
        submit.dispatch_event("click")
        expect(manager.locator(".ant-modal-confirm")).to_have_count(1)
        manager.get_by_test_id("record-confirm").click()
        expect(manager.get_by_test_id("session-page")).to_have_attribute("data-state", "recorded")
        expect(manager.get_by_test_id(f"attendee-{tech['username']}")).to_have_attribute(
            "data-result", "absent")
