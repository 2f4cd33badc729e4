"""The at-risk board: one row per order with its most urgent clock, about to breach above long
overdue, totals per standing, and a manager's acknowledgement of a breach (versioned, audited)
that moves it off the board's top. Rule explanations in the reader's language."""

from __future__ import annotations

from tests.conftest import STEP_DATA, walk_at
from tests.sla_helpers import frozen, minutes, shanghai

RANK = {"at_risk": 0, "breached": 1, "on_track": 2}


def _dispatched(api, new_order, at, **fields) -> dict:
    with frozen(at):
        return api.act(new_order(**fields), "dispatch", "sz_manager", STEP_DATA["dispatch"]).body


def _board(api, at, user="sz_manager", horizon=24, query="", lang="zh-CN") -> dict:
    with frozen(at):
        reply = api.get(f"/api/sla/at-risk?horizon_hours={horizon}{query}", user,
                        headers={"Accept-Language": lang})
    assert reply.status == 200, reply.body
    return reply.body


def _row(rows: list[dict], order: dict) -> dict | None:
    found = [r for r in rows if r["order_id"] == order["id"]]
    assert len(found) <= 1  # one row per order
    return found[0] if found else None


def _ack(api, order, clock, version, note="客户要求改约明早 9 点", user="sz_manager", at=None):
    body = {"subject_kind": "work_order", "subject_id": order["id"], "clock": clock,
            "version": version, "note": note}
    if at is None:
        return api.post("/api/sla/acknowledgements", user, body)
    with frozen(at):
        return api.post("/api/sla/acknowledgements", user, body)


def test_one_row_per_order_about_to_breach_above_recent_above_long_overdue(api, new_order):
    now = shanghai("2024-03-04 15:00")  # a Monday
    warned = _dispatched(api, new_order, now - minutes(17))  # contact due in 3 minutes
    recent = _dispatched(api, new_order, now - minutes(25))  # contact 5 minutes late
    old = _dispatched(api, new_order, now - minutes(200))  # contact 3 hours late
    board = _board(api, now)
    rows = board["items"]
    mine = [_row(rows, o) for o in (warned, recent, old)]
    assert [(r["number"], r["clock"]["name"], r["clock"]["status"]) for r in mine] == [
        (warned["number"], "contact", "at_risk"), (recent["number"], "contact", "breached"),
        (old["number"], "contact", "breached")]
    positions = [rows.index(r) for r in mine]
    assert positions == sorted(positions)  # about to breach, recent breach, long overdue
    # the order's other clock on the board (its 24 h customer response) rides along in its row
    assert [o["clock"]["name"] for o in mine[1]["others"]] == ["response"]
    assert mine[1]["others"][0]["clock"]["status"] == "on_track"
    order = [(RANK[r["clock"]["status"]], abs(r["seconds_left"])) for r in rows]
    assert order == sorted(order)
    totals = board["totals"]
    for status in ("at_risk", "breached", "on_track"):
        assert totals[status] == sum(1 for r in rows if r["clock"]["status"] == status)
    assert totals["acknowledged"] == len(board["acknowledged"])
    assert totals["at_risk"] >= 1 and totals["breached"] >= 2


def test_a_manager_acknowledges_a_breach_and_it_leaves_the_top(api, new_order):
    now = shanghai("2024-03-11 15:00")
    late = _dispatched(api, new_order, now - minutes(40))
    warned = _dispatched(api, new_order, now - minutes(17))
    row = _row(_board(api, now, horizon=1)["items"], late)
    assert row["clock"]["name"] == "contact" and row["acknowledgement"] is None
    version = row["version"]

    for user in ("sz_tech1", "sz_agent"):  # the permission table: managers and head office
        assert _ack(api, late, "contact", version, user=user, at=now).status == 403
    assert _ack(api, late, "contact", version, user="cd_manager", at=now).status == 404
    missing = api.post("/api/sla/acknowledgements", "sz_manager", {
        "subject_id": late["id"], "clock": "contact", "version": version})
    assert missing.status == 400 and set(missing.error["fields"]) == {"note"}
    blank = _ack(api, late, "contact", version, note="", at=now)
    assert blank.status == 400 and "note" in blank.error["fields"]
    warned_row = _row(_board(api, now, horizon=1)["items"], warned)
    not_late = _ack(api, warned, "contact", warned_row["version"], at=now)
    assert not_late.status == 409 and "clock" in not_late.error["fields"]
    assert _ack(api, late, "contact", version + 1, at=now).status == 409  # not the version seen
    assert _ack(api, {"id": "wo_nothere"}, "contact", 0, at=now).status == 404

    done = _ack(api, late, "contact", version, at=now)
    assert done.status == 200, done.body
    assert done.body["version"] == version + 1
    assert done.body["acknowledgement"]["by"] == "sz_manager"
    assert done.body["acknowledgement"]["note"] == "客户要求改约明早 9 点"
    assert _ack(api, late, "contact", version, at=now).status == 409  # the board was stale

    board = _board(api, now, horizon=1)
    assert _row(board["items"], late) is None
    acknowledged = _row(board["acknowledged"], late)
    assert acknowledged["acknowledgement"]["note"] == "客户要求改约明早 9 点"
    assert board["totals"]["acknowledged"] == len(board["acknowledged"])
    # within a day its response clock is still due: the order stays, below what is late
    wide = _board(api, now)["items"]
    moved = _row(wide, late)
    assert moved["clock"]["name"] == "response" and moved["clock"]["status"] == "on_track"
    assert [(o["clock"]["name"], o["acknowledgement"]["by"]) for o in moved["others"]] == [
        ("contact", "sz_manager")]

    detail = api.get(f"/api/work-orders/{late['id']}", "sz_manager").body
    [event] = [e for e in detail["events"] if e["action"] == "breach_acknowledged"]
    assert event["actor"]["username"] == "sz_manager"
    assert event["data"] == {"clock": "contact", "note": "客户要求改约明早 9 点"}

    # a later change of the order rewrites its watches: the acknowledgement stands
    with frozen(now + minutes(1)):
        corrected = api.act(detail, "correct_distance", "sz_manager",
                            {"distance_km": 120, "reason": "按导航距离更正"})
    assert corrected.status == 200, corrected.body
    assert _row(_board(api, now + minutes(2), horizon=1)["acknowledged"], late) is not None


def test_head_office_acknowledges_any_outlets_breach(api, new_order):
    now = shanghai("2024-03-18 15:00")
    with frozen(now - minutes(40)):
        order = new_order("CD")
        order = api.act(order, "dispatch", "cd_manager", {"technician": "cd_tech1"}).body
    row = _row(_board(api, now, user="hq_admin", horizon=1, query="&outlet=CD")["items"], order)
    assert _ack(api, order, "contact", row["version"], user="sz_manager", at=now).status == 404
    done = _ack(api, order, "contact", row["version"], user="hq_admin", at=now)
    assert done.status == 200 and done.body["acknowledgement"]["by"] == "hq_admin"


def test_the_rule_is_explained_in_the_readers_language(api, new_order):
    now = shanghai("2024-03-25 10:00")
    with frozen(now):
        order = new_order(priority="urgent", distance_km=10)
    for lang, text in (("en", "Urgent orders within 50 km: arrival within 4 hours"),
                       ("zh-CN", "紧急、50 公里以内：4 小时内到场")):
        detail = api.get(f"/api/work-orders/{order['id']}", "sz_manager",
                         headers={"Accept-Language": lang}).body
        [arrival] = [c for c in detail["clocks"] if c["name"] == "arrival"]
        assert arrival["target"]["note"] == text
        row = _row(_board(api, now + minutes(200), lang=lang)["items"], order)
        assert row["clock"]["name"] == "arrival" and row["explanation"] == text
    english = api.get(f"/api/work-orders/{order['id']}", "sz_manager",
                      headers={"Accept-Language": "en"}).body
    contact_rule = [c for c in english["clocks"] if c["name"] == "arrival"][0]["target"]
    assert contact_rule["rule_note"] == ""  # the built-in rules carry no typed remark


def test_policy_levels_are_chosen_from_the_list_each_once(api):
    current = api.get("/api/sla/policy", "hq_admin").body
    policy = {**current["network"], "levels": [
        {"name": "warning", "elapsed_ratio": 0.8, "notify": ["assignee"]},
        {"name": "second_warning", "elapsed_ratio": 0.9, "notify": ["assignee"]}]}
    typed = api.call("PUT", "/api/sla/policy", "hq_admin",
                     {"version": current["version"], "policy": policy})
    assert typed.status == 400 and "levels.1.name" in typed.error["fields"]
    policy["levels"][1]["name"] = "warning"
    twice = api.call("PUT", "/api/sla/policy", "hq_admin",
                     {"version": current["version"], "policy": policy})
    assert twice.status == 400 and set(twice.error["fields"]) == {"levels.1.name"}
    names = api.get("/api/sla/policy", "hq_admin").body["network"]["levels"]
    assert [lv["name"] for lv in names] == ["warning", "breach", "escalation"]


def _watches(order: dict) -> dict[str, dict]:
    """The order's clock watches as stored, attribute by attribute."""
    from chalicelib.kernel.store import keys
    from chalicelib.modules.sla.models import SlaWatch

    return {w.clock: w.serialize() for w in SlaWatch.query(
        keys.order_pk(order["id"]), SlaWatch.sk.startswith("WATCH#"), consistent_read=True)}


def _watch_keys(order: dict, clocks) -> list[dict]:
    from chalicelib.kernel.store import keys

    return [{"pk": {"S": keys.order_pk(order["id"])}, "sk": {"S": f"WATCH#{c}"}} for c in clocks]


def _mark(order: dict, watches: dict) -> None:
    """Each watch gets an attribute the app does not know: writing the watch again drops it."""
    import boto3

    from chalicelib.kernel.config import settings

    client = boto3.client("dynamodb", **settings().aws_kwargs)
    for key in _watch_keys(order, watches):
        client.update_item(TableName=settings().table_name, Key=key,
                           UpdateExpression="SET probe = :p",
                           ExpressionAttributeValues={":p": {"S": "kept"}})


def _marked(order: dict) -> set[str]:
    """The clocks whose watch still has the attribute `_mark` gave it."""
    import boto3

    from chalicelib.kernel.config import settings

    client = boto3.client("dynamodb", **settings().aws_kwargs)
    return {w["clock"]["S"] for w in client.query(
        TableName=settings().table_name, ConsistentRead=True,
        KeyConditionExpression="pk = :pk AND begins_with(sk, :w)",
        ExpressionAttributeValues={":pk": _watch_keys(order, [""])[0]["pk"],
                                   ":w": {"S": "WATCH#"}})["Items"] if "probe" in w}


def _act(api, order: dict, action: str, user: str, at) -> dict:
    with frozen(at):
        reply = api.act(order, action, user, STEP_DATA[action])
    assert reply.status == 200, (action, reply.body)
    return reply.body


def test_a_change_of_the_orders_state_alone_writes_no_watch_and_the_board_shows_it(
        api, new_order):
    """A watch is written only when something it keeps changes (issue 19, check 2): the
    survey changes the order's state and no clock, so its watches stay as they were; the
    board reads the order's state from the order, so it shows the survey's. A new assignee is
    the watch's: a reassignment writes it."""
    start = shanghai("2026-03-03 09:00")  # a Tuesday, after the step data's times
    order, at = walk_at(api, new_order(), start, ["dispatch", "contact"])
    before = _watches(order)
    order, at = walk_at(api, order, at, ["reassign"])
    after = _watches(order)
    assert after["arrival"] != before["arrival"]
    assert (after["arrival"]["technician"], before["arrival"]["technician"]) == (
        {"S": "sz_tech2"}, {"S": "sz_tech1"})

    for action in ("contact", "check_in"):  # a reassigned order is contacted again
        at += minutes(10)
        order = _act(api, order, action, "sz_tech2", at)
    before = _watches(order)
    assert "repair" in before and all("order_state" not in w for w in before.values())
    _mark(order, before)  # an attribute the app does not know: a write of the watch drops it
    at += minutes(10)
    surveyed = _act(api, order, "survey", "sz_tech2", at)
    assert surveyed["state"] != order["state"]
    assert _watches(order) == before and _marked(order) == set(before)  # not one written

    row = _row(_board(api, at, horizon=336)["items"], order)  # the repair clock's days
    assert row["clock"]["name"] == "repair" and row["state"] == surveyed["state"]
    assert row["technician_name"] == surveyed["technician_name"]
