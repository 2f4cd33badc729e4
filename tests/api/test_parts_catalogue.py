"""Head office's parts catalogue (issue 14): a new part, a duplicate code (409), a change at a
stale version (409) with its audit trail, the search as the keeper types (code prefix, name
prefix, pinyin initials: "qdj" finds 启动机), and only head office writes (403)."""

from __future__ import annotations

import uuid

import pytest

from chalicelib.kernel.store.models import Item
from chalicelib.modules.parts import keys as part_keys
from chalicelib.modules.parts.models import PartEvent

HQ = "hq_admin"


def _code(prefix: str = "CAT") -> str:
    return f"{prefix}{uuid.uuid4().hex[:8].upper()}"


def _part(code: str, name: str = "启动机", **extra) -> dict:
    return {"code": code, "name": name, "unit": "件", "list_price_fen": 45000,
            "cost_fen": 30000, **extra}


def _create(api, body: dict, user: str = HQ):
    return api.post("/api/parts", user, body)


def _events(code: str) -> list[PartEvent]:
    return [e for e in Item.query(part_keys.part_pk(code), Item.sk.startswith("EV#"),
                                  consistent_read=True) if isinstance(e, PartEvent)]


def test_head_office_creates_a_part_with_its_pinyin_initials_and_audit_entry(api):
    code = _code()
    reply = _create(api, _part(code.lower(), "启动机", spec="QD-24V", models=["4LZ-6", "4LZ-6"],
                               groups=["电气"], expensive=False, supplier="潍柴"))
    assert reply.status == 201, reply.body
    part = reply.body
    assert part["code"] == code  # upper-cased
    assert part["initials"] == "qdj" and part["version"] == 1 and part["active"] is True
    assert part["models"] == ["4LZ-6"] and part["list_price_fen"] == 45000
    # everyone reads it; the internal cost only those who hold parts.costs.read
    assert api.get(f"/api/parts/{code}", "sz_tech1").body == {**part, "cost_fen": None}
    assert api.get(f"/api/parts/{code}", "sz_warehouse").body == part
    [event] = _events(code)
    assert event.action == "create" and event.actor_username == HQ
    assert event.data["after"]["name"] == "启动机"


def test_a_code_the_catalogue_holds_is_409_duplicate_part(api):
    code = _code()
    assert _create(api, _part(code)).status == 201
    again = _create(api, _part(code.lower(), "另一个名字"))
    assert again.status == 409 and again.error["code"] == "duplicate_part"
    assert again.error["fields"].keys() == {"code"}
    assert api.get(f"/api/parts/{code}", HQ).body["name"] == "启动机"


def test_a_change_is_made_at_the_version_seen_and_audited(api):
    code = _code()
    part = _create(api, _part(code)).body
    body = {k: part[k] for k in ("name", "unit", "list_price_fen", "cost_fen")}
    changed = api.call("PUT", f"/api/parts/{code}", HQ, {**body, "cost_fen": 32000,
                                                         "version": 1})
    assert changed.status == 200, changed.body
    assert changed.body["cost_fen"] == 32000 and changed.body["version"] == 2
    # the internal cost is for those who hold parts.costs.read: a technician reads the price only
    seen = api.get(f"/api/parts/{code}", "sz_tech1").body
    assert seen["cost_fen"] is None and seen["list_price_fen"] == changed.body["list_price_fen"]
    stale = api.call("PUT", f"/api/parts/{code}", HQ, {**body, "cost_fen": 1, "version": 1})
    assert stale.status == 409 and stale.error["code"] == "stale_version"
    assert api.get(f"/api/parts/{code}", HQ).body["cost_fen"] == 32000
    update = [e for e in _events(code) if e.action == "update"]
    assert len(update) == 1
    assert update[0].data == {"before": {"cost_fen": 30000}, "after": {"cost_fen": 32000}}
    # a renamed part is found by its new name and initials, no longer by the old ones
    renamed = api.call("PUT", f"/api/parts/{code}", HQ, {**body, "name": "发电机",
                                                         "version": 2}).body
    assert renamed["initials"] == "fdj"
    assert code not in [p["code"] for p in api.get("/api/parts?q=qdj&limit=100", HQ).body["items"]]
    assert code in [p["code"] for p in api.get("/api/parts?q=fdj&limit=100", HQ).body["items"]]


@pytest.mark.parametrize("field, value", [("list_price_fen", -1), ("cost_fen", 1.5),
                                          ("name", ""), ("code", "坏编码"),
                                          ("models", ["x"] * 51)])
def test_bad_input_is_400_naming_the_field(api, field, value):
    reply = _create(api, {**_part(_code()), field: value})
    assert reply.status == 400 and field in reply.error["fields"], reply.body


def test_blank_name_after_trimming_is_400(api):
    reply = _create(api, _part(_code(), "   "))
    assert reply.status == 400 and "name" in reply.error["fields"]


def test_search_by_code_prefix_name_prefix_and_pinyin_initials(api):
    stem = _code("SRCH")
    starter = _create(api, _part(f"{stem}-1", "启动机总成")).body
    filter_ = _create(api, _part(f"{stem}-2", f"机油滤清器{stem}")).body
    by_code = api.get(f"/api/parts?q={stem.lower()}", "sz_warehouse").body
    assert [p["code"] for p in by_code["items"]] == [starter["code"], filter_["code"]]
    assert by_code["next_cursor"] is None
    by_name = api.get(f"/api/parts?q=机油滤清器{stem}", "sz_warehouse").body["items"]
    assert [p["code"] for p in by_name] == [filter_["code"]]
    by_initials = api.get("/api/parts?q=qdj&limit=100", "sz_warehouse").body["items"]
    assert starter["code"] in [p["code"] for p in by_initials]
    assert all(p["initials"].startswith("qdj") for p in by_initials)
    assert len(api.get("/api/parts?q=qdj&limit=1", "sz_warehouse").body["items"]) == 1
    # the same part found two ways is listed once
    both = api.get(f"/api/parts?q={stem}&limit=100", HQ).body["items"]
    assert len(both) == len({p["code"] for p in both})


def test_the_catalogue_is_paged_by_code(api):
    for _ in range(3):
        _create(api, _part(_code("PAGE")))
    first = api.get("/api/parts?limit=2", HQ).body
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = api.get(f"/api/parts?limit=2&cursor={first['next_cursor']}", HQ).body
    assert second["items"][0]["code"] > first["items"][1]["code"]


@pytest.mark.parametrize("user", ["sz_warehouse", "sz_manager", "sz_tech1", "sz_agent"])
def test_only_head_office_writes_the_catalogue(api, user):
    code = _code()
    assert _create(api, _part(code), user).status == 403
    assert api.get(f"/api/parts/{code}", HQ).status == 404
    made = _create(api, _part(code)).body
    body = {k: made[k] for k in ("name", "unit", "list_price_fen", "cost_fen")}
    assert api.call("PUT", f"/api/parts/{code}", user, {**body, "version": 1}).status == 403
