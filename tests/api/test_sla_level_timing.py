"""A policy's levels are timed as their names say (a warning before the due time, a breach and
an escalation at it or after it), so no notice reads "about to breach" and "30 minutes late";
otherwise 400 naming the level's field, in the network policy and in an outlet's override."""

from __future__ import annotations


def _levels(*levels: dict) -> list[dict]:
    return [{"notify": ["assignee"], **level} for level in levels]


def test_levels_timed_against_their_names_are_refused(api):
    current = api.get("/api/sla/policy?outlet=SZ", "hq_admin").body
    late_warning = {**current["network"], "levels": _levels(
        {"name": "warning", "offset_minutes": 30}, {"name": "breach", "offset_minutes": 0})}
    reply = api.call("PUT", "/api/sla/policy", "hq_admin",
                     {"version": current["version"], "policy": late_warning})
    assert reply.status == 400, reply.body
    assert set(reply.error["fields"]) == {"levels.0.offset_minutes"}

    early_breach = {"rules": [], "levels": _levels(
        {"name": "warning", "elapsed_ratio": 0.8}, {"name": "breach", "elapsed_ratio": 0.9},
        {"name": "escalation", "offset_minutes": -10})}
    reply = api.call("PUT", "/api/sla/policy/outlets/SZ", "hq_admin",
                     {"version": current["override_version"], "policy": early_breach},
                     headers={"Accept-Language": "en"})
    assert reply.status == 400, reply.body
    fields = reply.error["fields"]
    assert set(fields) == {"levels.1.elapsed_ratio", "levels.2.offset_minutes"}
    assert "before the due time" in fields["levels.2.offset_minutes"]

    after = api.get("/api/sla/policy?outlet=SZ", "hq_admin").body
    assert (after["version"], after["override_version"]) == (
        current["version"], current["override_version"])  # nothing was saved
