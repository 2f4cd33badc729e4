"""Issue 12, item 1: a notice at every hand-off of the work, exactly once, to exactly the right
people (never the one who acted), in the app (both languages, the reader's shown) and by mail
as each person chose (on or off, their language), linking to the order by a relative path."""

from __future__ import annotations

import pytest
from pynamodb.exceptions import DoesNotExist

from chalicelib.kernel.config import settings
from chalicelib.kernel.store import keys
from chalicelib.modules.directory import store as directory_store
from chalicelib.modules.directory.models import StaffEvent
from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.notifications import store as outbox
from chalicelib.modules.notifications import usecases as notification_usecases
from chalicelib.modules.notifications.models import MailOutbox
from chalicelib.modules.sla import sweep as sla_sweep
from infra.local import streams
from tests.conftest import STEP_DATA, actor_for, evidence_for, inbox, race
from tests.mail_helpers import Mailer, mailed_now
from tests.sla_helpers import frozen, minutes, shanghai

SZ_STAFF = ["sz_agent", "sz_manager", "sz_support", "sz_tech1", "sz_tech2", "sz_tech3",
            "sz_warehouse", "hq_admin", "cd_manager", "cd_agent"]


def _notices(api, user: str, order: dict, lang: str = "zh") -> list[dict]:
    """The hand-off notices about this order in the user's inbox (newest first)."""
    items = inbox(api, user, lang)
    return [n for n in items if n["order_id"] == order["id"] and n["level"] == "handoff"]


def _told(api, order: dict) -> dict[str, list[str]]:
    """Who holds which hand-off notices about the order (sorted), of everyone concerned."""
    found = {user: sorted(n["notice"] for n in _notices(api, user, order)) for user in SZ_STAFF}
    return {user: kinds for user, kinds in found.items() if kinds}


def _act(api, order: dict, action: str, user: str | None = None, data: dict | None = None) -> dict:
    user = user or actor_for(action)
    data = evidence_for(api, order, action, user, data if data is not None else STEP_DATA[action])
    reply = api.act(order, action, user, data)
    assert reply.status == 200, (action, reply.body)
    return reply.body


def _walk(api, order: dict, actions: list[str]) -> dict:
    for action in actions:
        order = _act(api, order, action)
    return order


def _flush_outbox() -> None:
    """What earlier tests left on the table's stream (and any earlier outbox), sent."""
    streams.drain()
    while notifications.send_pending_mail():
        pass


def _mailed(mailer, order: dict) -> list[dict]:
    return [m for m in mailer.sent if order["number"] in m["subject"]]


def _set_preferences(api, user: str, **changes) -> dict:
    current = api.get("/api/me/preferences", user).body
    reply = api.call("PATCH", "/api/me/preferences", user, {"version": current["version"], **changes})
    assert reply.status == 200, reply.body
    return reply.body


@pytest.fixture
def preferences(api):
    """Change people's preferences for one test; put them back to the default after it."""
    touched = []

    def change(user: str, **changes) -> dict:
        touched.append(user)
        return _set_preferences(api, user, **changes)

    yield change
    for user in touched:
        _set_preferences(api, user, email=True, language="zh")


# ---------------------------------------------------------------- who is told, once

def test_dispatch_tells_the_technician_and_each_helper_once_and_not_the_manager(api, new_order):
    order = new_order()
    dispatched = _act(api, order, "dispatch")  # sz_tech1, helper sz_tech2
    assert _told(api, order) == {"sz_tech1": ["assigned"], "sz_tech2": ["helper_added"]}
    [note] = _notices(api, "sz_tech1", order)
    assert note["link"] == f"/work-orders/{order['id']}" and note["subject_kind"] == "work_order"
    assert note["clock"] is None and note["read"] is False and note["number"] == order["number"]
    assert note["title"].startswith("【派工给你】") and order["number"] in note["title"]
    assert "已派给你" in note["body"] and "请于" in note["body"]  # contact the customer by …
    assert "http" not in note["body"] and "http" not in note["title"]

    # the same request again (a retry, a double click, a replay): refused, nothing written
    again = api.act(order, "dispatch", "sz_manager", STEP_DATA["dispatch"])
    assert again.status == 409
    stale = api.act(dispatched, "reassign", "sz_manager", STEP_DATA["reassign"],
                    version=order["version"])
    assert stale.status == 409
    assert _told(api, order) == {"sz_tech1": ["assigned"], "sz_tech2": ["helper_added"]}


def test_reassign_tells_the_new_technician_and_only_newly_added_helpers(api, new_order):
    order = _act(api, new_order(), "dispatch", data={"technician": "sz_tech1", "helpers": []})
    _act(api, order, "reassign", data={"technician": "sz_tech2", "helpers": ["sz_tech1", "sz_tech3"],
                                       "reason": "原工程师请假"})
    assert _told(api, order) == {"sz_tech1": ["assigned"], "sz_tech2": ["reassigned"],
                                 "sz_tech3": ["helper_added"]}


def test_reassign_tells_whoever_it_took_off_the_order_and_to_whom(api, new_order):
    order = _act(api, new_order(), "dispatch", data={"technician": "sz_tech1", "helpers": ["sz_tech3"]})
    _act(api, order, "reassign", data={"technician": "sz_tech2", "helpers": [],
                                       "reason": "原工程师请假"})
    assert _told(api, order) == {"sz_tech1": ["assigned", "unassigned"],
                                 "sz_tech3": ["helper_added", "unassigned"],
                                 "sz_tech2": ["reassigned"]}
    [gone] = [n for n in _notices(api, "sz_tech1", order) if n["notice"] == "unassigned"]
    assert "原工程师请假" in gone["body"] and "无需再处理" in gone["body"]


def test_the_plan_goes_to_the_managers_and_the_decision_to_the_crew(api, new_order):
    order = _walk(api, new_order(), ["dispatch", "contact", "check_in", "survey", "submit_plan"])
    told = _told(api, order)
    assert told["sz_manager"] == ["plan_submitted"]
    [plan] = _notices(api, "sz_manager", order)
    assert "sz_tech1" not in told or "plan_submitted" not in told["sz_tech1"]  # who submitted it
    assert "更换接触器" in plan["body"] and "预计 2.5 小时" in plan["body"]
    english = _notices(api, "sz_manager", order, "en")[0]
    assert english["title"].startswith("[Plan awaits approval]")
    assert "for your approval" in english["body"] and "2.5 h estimated" in english["body"]

    order = _act(api, order, "reject_plan")
    order = _act(api, order, "submit_plan")
    order = _act(api, order, "approve_plan")
    told = _told(api, order)
    assert told["sz_manager"] == ["plan_submitted", "plan_submitted"]  # once per submission
    assert told["sz_tech1"] == ["assigned", "plan_approved", "plan_rejected"]
    assert told["sz_tech2"] == ["helper_added", "plan_approved", "plan_rejected"]
    rejected = next(n for n in _notices(api, "sz_tech1", order) if n["notice"] == "plan_rejected")
    assert "补充安全措施" in rejected["body"]
    order = _act(api, order, "revise_plan")
    assert _told(api, order)["sz_manager"].count("plan_submitted") == 3
    assert any("修改后" in n["body"] for n in _notices(api, "sz_manager", order))


def test_an_objection_and_a_hold_go_to_the_managers_not_to_who_did_it(api, new_order):
    order = _walk(api, new_order(), ["dispatch", "contact", "check_in", "survey", "submit_plan",
                                     "approve_plan", "complete"])
    order = _act(api, order, "object", "sz_agent")
    assert _told(api, order)["sz_manager"] == ["objected", "plan_submitted"]
    assert "sz_agent" not in _told(api, order)
    [objected] = [n for n in _notices(api, "sz_manager", order) if n["notice"] == "objected"]
    assert "仍有异响" in objected["body"]

    order = _act(api, order, "hold", "sz_tech1")
    told = _told(api, order)
    assert told["sz_manager"] == ["objected", "on_hold", "plan_submitted"]
    assert "on_hold" in told["sz_tech2"] and "on_hold" not in told["sz_tech1"]  # the one who held it
    order = _act(api, order, "resume", "sz_tech1")
    _act(api, order, "hold", "sz_manager")
    told = _told(api, order)
    assert told["sz_manager"].count("on_hold") == 1  # not about their own hold
    assert told["sz_tech1"].count("on_hold") == 1 and told["sz_tech2"].count("on_hold") == 2


def test_acceptance_tells_the_agents_by_when_the_return_visit_is_due(api, new_order):
    start = shanghai("2026-03-02 09:00")  # after the step data's times (STEP_DATA)
    with frozen(start):
        order = _walk(api, new_order(), ["dispatch", "contact", "check_in", "survey",
                                          "submit_plan", "approve_plan", "complete", "accept"])
    visit = next(c for c in order["clocks"] if c["name"] == "return_visit")
    assert _told(api, order)["sz_agent"] == ["return_visit_due"]
    [note] = _notices(api, "sz_agent", order)
    due = keys.parse_iso(visit["due_at"]).astimezone(shanghai("2025-01-01 00:00").tzinfo)
    assert f"请于 {due:%Y-%m-%d %H:%M} 前完成回访" in note["body"]
    [english] = _notices(api, "sz_agent", order, "en")
    assert f"Make the return visit by {due:%Y-%m-%d %H:%M}" in english["body"]


def test_an_agent_who_takes_the_acceptance_is_not_told_about_it(api, new_order):
    order = _walk(api, new_order(), ["dispatch", "contact", "check_in", "survey", "submit_plan",
                                     "approve_plan", "complete"])
    _act(api, order, "accept", "sz_agent")
    assert "sz_agent" not in _told(api, order)


def _visited(api, new_order, scores: dict) -> dict:
    order = _walk(api, new_order(), ["dispatch", "contact", "check_in", "survey", "submit_plan",
                                     "approve_plan", "complete", "accept"])
    all_fives = {"attitude": 5, "skill": 5, "punctuality": 5, "result": 5, "overall": 5}
    return _act(api, order, "return_visit", "sz_agent",
                {"channel": "phone", "scores": {**all_fives, **scores}})


def test_a_low_return_visit_score_tells_the_managers(api, new_order):
    order = _visited(api, new_order, {"punctuality": 2})
    assert _told(api, order)["sz_manager"] == ["low_score", "plan_submitted"]
    [low] = [n for n in _notices(api, "sz_manager", order) if n["notice"] == "low_score"]
    assert "及时性 2 分" in low["body"] and "2 分及以下为低分" in low["body"]
    [english] = [n for n in _notices(api, "sz_manager", order, "en") if n["notice"] == "low_score"]
    assert "Punctuality 2" in english["body"] and english["title"].startswith("[Low return-visit score]")
    fine = _visited(api, new_order, {"punctuality": 3})  # above the default threshold of 2
    assert "low_score" not in _told(api, fine)["sz_manager"]


def test_the_low_score_threshold_is_the_outlets_policy_setting(api, new_order):
    current = api.get("/api/sla/policy?outlet=SZ", "hq_admin").body
    assert current["effective"]["notices"] == {"low_score_threshold": 2}
    saved = api.call("PUT", "/api/sla/policy/outlets/SZ", "hq_admin", {
        "version": current["override_version"],
        "policy": {"notices": {"low_score_threshold": 3}}})
    assert saved.status == 200, saved.body
    try:
        assert saved.body["effective"]["notices"] == {"low_score_threshold": 3}
        order = _visited(api, new_order, {"overall": 3})
        assert "low_score" in _told(api, order)["sz_manager"]
    finally:
        restored = api.call("PUT", "/api/sla/policy/outlets/SZ", "hq_admin", {
            "version": saved.body["override_version"], "policy": None})
        assert restored.status == 200, restored.body
    wrong = api.call("PUT", "/api/sla/policy/outlets/SZ", "hq_admin", {
        "version": None, "policy": {"notices": {"low_score_threshold": 6}}})
    assert wrong.status == 400 and "notices.low_score_threshold" in wrong.error["fields"]


def test_a_cancellation_tells_the_crew_with_the_reason_and_nobody_else(api, new_order):
    order = _act(api, new_order(), "dispatch")  # sz_tech1, helper sz_tech2
    _act(api, order, "cancel", "sz_manager", {"reason": "客户已自行修好"})
    told = _told(api, order)
    assert told == {"sz_tech1": ["assigned", "cancelled"], "sz_tech2": ["cancelled", "helper_added"]}
    [note] = [n for n in _notices(api, "sz_tech1", order) if n["notice"] == "cancelled"]
    assert note["title"].startswith("【工单已取消】") and "客户已自行修好" in note["body"]
    assert "无需再处理" in note["body"]
    [english] = [n for n in _notices(api, "sz_tech2", order, "en") if n["notice"] == "cancelled"]
    assert english["title"].startswith("[Order cancelled]")
    assert "客户已自行修好" in english["body"] and "no longer need to act" in english["body"]

    # an order nobody was sent to: a cancellation tells nobody
    waiting = new_order()
    _act(api, waiting, "cancel", "sz_agent")
    assert _told(api, waiting) == {}


# ---------------------------------------------------------------- mail, by each one's choice

def test_mail_goes_to_who_wants_it_in_their_language_with_the_portals_address(
        api, new_order, preferences, monkeypatch):
    _flush_outbox()
    preferences("sz_tech2", email=False)
    preferences("sz_tech1", language="en")
    mailer = Mailer()
    monkeypatch.setattr(notification_usecases, "_mailer", lambda: mailer)
    order = _act(api, new_order(), "dispatch")
    assert _mailed(mailer, order) == []  # not before the stream hands the messages over
    streams.drain()
    mails = _mailed(mailer, order)
    assert [m["to"] for m in mails] == ["sz_tech1@fuwu.example"]  # sz_tech2 turned e-mail off
    [mail] = mails
    assert mail["subject"].startswith("[Dispatched to you]")
    assert "has been dispatched to you" in mail["text"] and "派" not in mail["text"]
    assert mail["text"].endswith(f"Open: {settings().portal_url}/work-orders/{order['id']}")
    # in the app: both of them, with a relative link only
    assert len(_notices(api, "sz_tech2", order)) == 1
    [note] = _notices(api, "sz_tech1", order)
    assert "http" not in note["body"] and note["link"] == f"/work-orders/{order['id']}"
    streams.drain()  # each message is mailed once
    assert len(_mailed(mailer, order)) == 1


class _Refusing(Mailer):
    """SES refusing one address (a throttle, a bounce of the request): the rest go out."""

    def __init__(self, refused: str):
        super().__init__()
        self.refused = refused

    def send_email(self, Source, Destination, Message):  # noqa: N803 - SES's argument names
        if Destination["ToAddresses"][0] == self.refused:
            raise RuntimeError("Throttling: maximum sending rate exceeded")
        super().send_email(Source, Destination, Message)


def test_a_mail_ses_refused_waits_in_the_outbox_for_the_sweep_and_goes_once(
        api, new_order, monkeypatch):
    """The e-mails of a committed action go out from the table's stream: no outbox item. One
    SES refused goes into the outbox index (the stream does not hand it over again), and the
    SLA sweep's drain sends and deletes it; so does a mail an earlier release queued there."""
    _flush_outbox()
    refusing = _Refusing("sz_tech2@fuwu.example")
    monkeypatch.setattr(notification_usecases, "_mailer", lambda: refusing)
    order = _act(api, new_order(), "dispatch")  # tells sz_tech1 and sz_tech2, by mail too
    streams.drain()  # (the refused mail's own item, written meanwhile, is handed over too)
    assert [m["to"] for m in _mailed(refusing, order)] == ["sz_tech1@fuwu.example"]
    [waiting] = [m for shard in range(outbox.OUTBOX_SHARDS)
                 for m in outbox.pending_mail(shard, 1000) if order["number"] in m.subject]
    assert waiting.to == "sz_tech2@fuwu.example" and waiting.attempts == 1
    mailer = Mailer()
    monkeypatch.setattr(notification_usecases, "_mailer", lambda: mailer)
    streams.drain()  # the waiting mail's own item is the sweep's, not the stream's
    assert _mailed(mailer, order) == []
    earlier = MailOutbox(id=keys.new_id("ml"), to="sz_agent@fuwu.example",
                         subject=f"{order['number']} 之前排队的邮件", text="旧发件箱",
                         at=keys.iso(keys.utc_now()), status="pending", attempts=0)
    earlier.pk, earlier.sk = f"MAIL#{earlier.id}", "MAIL"
    earlier.gsi4pk, earlier.gsi4sk = "OUTBOX#0", f"{earlier.at}#{earlier.id}"
    earlier.save()
    streams.drain()
    assert _mailed(mailer, order) == []
    assert notifications.send_pending_mail() == 2
    assert sorted(m["to"] for m in _mailed(mailer, order)) == ["sz_agent@fuwu.example",
                                                                "sz_tech2@fuwu.example"]
    for mail in (waiting, earlier):
        with pytest.raises(DoesNotExist):
            MailOutbox.get(mail.pk, mail.sk, consistent_read=True)
    assert notifications.send_pending_mail() == 0


def test_only_the_committed_action_is_mailed_when_actions_race(api, new_order, monkeypatch):
    """Ten dispatches of one order at once: one commits; the others' transactions are cancelled
    and leave nothing on the stream (as on AWS), so only the winner's hand-offs are mailed."""
    _flush_outbox()
    order = new_order()
    replies = race(10, lambda: api.act(order, "dispatch", "sz_manager", STEP_DATA["dispatch"]))
    assert sorted(r.status for r in replies) == [200] + [409] * 9
    mails = _mailed(mailed_now(monkeypatch), order)
    assert sorted(m["to"] for m in mails) == ["sz_tech1@fuwu.example", "sz_tech2@fuwu.example"]


def test_deadline_notices_link_relatively_and_mail_by_preference_too(
        api, new_order, preferences, monkeypatch):
    _flush_outbox()
    preferences("sz_tech3", language="en")
    start = shanghai("2025-09-08 10:00")
    with frozen(start):
        order = _act(api, new_order(), "dispatch", data={"technician": "sz_tech3"})
    mailer = Mailer()
    monkeypatch.setattr(notification_usecases, "_mailer", lambda: mailer)
    sla_sweep.sweep(start + minutes(17))  # before the contact clock is due: a warning
    streams.drain()
    items = inbox(api, "sz_tech3")
    [warning] = [n for n in items if n["order_id"] == order["id"] and n["level"] == "warning"]
    assert warning["link"] == f"/work-orders/{order['id']}" and warning["notice"] is None
    assert "http" not in warning["body"] and warning["body"].endswith("请及时处理。")
    mails = [m for m in mailer.sent if order["number"] in m["subject"]]
    assert {m["to"] for m in mails} == {"sz_tech3@fuwu.example"}
    assert sorted(m["subject"].split("]")[0] for m in mails) == ["[At risk", "[Dispatched to you"]
    assert all(m["text"].endswith(f"Open: {settings().portal_url}/work-orders/{order['id']}")
               for m in mails)
    assert all("即将" not in m["text"] for m in mails)  # in English only, as chosen


# ---------------------------------------------------------------- the preferences themselves

def test_preferences_are_ones_own_version_checked_and_audited(api, preferences):
    mine = api.get("/api/me/preferences", "sz_agent").body
    assert mine["email"] is True and mine["language"] == "zh"
    assert mine["email_address"] == "sz_agent@fuwu.example"
    changed = preferences("sz_agent", email=False, language="en")
    assert changed["email"] is False and changed["language"] == "en"
    assert changed["version"] == mine["version"] + 1
    stale = api.call("PATCH", "/api/me/preferences", "sz_agent",
                     {"version": mine["version"], "email": True})
    assert stale.status == 409 and stale.error["code"] == "stale_version"
    assert api.get("/api/me/preferences", "sz_agent").body["email"] is False
    # another member's are not touched: each call changes the caller's own item
    assert api.get("/api/me/preferences", "sz_manager").body["email"] is True
    events = [e for e in StaffEvent.query("STAFF#sz_agent") if isinstance(e, StaffEvent)]
    last = events[-1]
    assert (last.action, last.actor_username) == ("preferences_changed", "sz_agent")
    assert last.data == {"before": {"email": True, "language": "zh"},
                         "after": {"email": False, "language": "en"}}
    assert directory_store.get_staff("sz_agent").notify_email is False


@pytest.mark.parametrize("body,field", [
    ({"version": 1, "language": "fr"}, "language"),
    ({"version": 1, "email": "yes"}, "email"),
    ({"email": True}, "version"),
    ({"version": 1, "email": True, "role": "manager"}, "role"),
])
def test_bad_preferences_are_refused_naming_the_field(api, body, field):
    reply = api.call("PATCH", "/api/me/preferences", "sz_tech1", body)
    assert reply.status == 400 and field in reply.error["fields"]
