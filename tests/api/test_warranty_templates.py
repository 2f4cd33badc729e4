"""Warranty term templates (三包条款与收费标准): head office keeps them per product model and
for the network; each change is checked against the version seen and audited; registered units
keep the terms they got."""

from __future__ import annotations

import copy
import uuid
from urllib.parse import quote

from chalicelib.kernel.store.models import Item
from chalicelib.modules.warranty.domain.terms import default_template
from chalicelib.modules.warranty.models import TemplateEvent
from tests.conftest import customer_of

HQ = "hq_admin"


def _body(version=None, **changes) -> dict:
    template = default_template()
    template.pop("model")
    return {**template, "version": version, **changes}


def _model() -> str:
    return f"联合收割机 T{uuid.uuid4().hex[:8]}"


def _path(model: str) -> str:
    return f"/api/warranty/templates/models/{quote(model)}"


def _put(api, model: str, body: dict, user: str = HQ):
    return api.call("PUT", _path(model), user, body)


def _audit() -> list[TemplateEvent]:
    return [i for i in Item.query("WARRANTY#TEMPLATES", Item.sk.startswith("AUDIT#"))
            if isinstance(i, TemplateEvent)]


def test_everyone_reads_the_templates_with_the_default(api):
    for user in ("sz_tech1", "sz_agent", "cd_manager", HQ):
        reply = api.get("/api/warranty/templates", user)
        assert reply.status == 200, (user, reply.body)
        default = reply.body["default"]
        assert default["model"] is None
        assert {g["code"] for g in default["groups"]} >= {"whole"}
        assert set(default["prices"]) == {"labour_hour", "call_out", "travel_km",
                                          "lodging_night", "meals_day", "allowance_day"}


def test_head_office_creates_changes_and_deletes_a_model_template(api):
    model = _model()
    created = _put(api, model, _body())
    assert created.status == 200, created.body
    assert created.body["model"] == model and created.body["version"] == 1
    assert created.body["updated_by"] == HQ and created.body["groups"][2]["months"] == 3
    listed = api.get("/api/warranty/templates", "sz_agent").body["models"]
    assert [t["version"] for t in listed if t["model"] == model] == [1]

    # a second create of the same model is refused: the editor must see the one that exists
    again = _put(api, model, _body())
    assert again.status == 409 and again.error["code"] == "template_exists"

    groups = copy.deepcopy(created.body["groups"])
    groups[2]["months"] = 6
    changed = _put(api, model, _body(version=1, groups=groups, start_basis="invoice",
                                     prices={**created.body["prices"], "labour_hour": 9000}))
    assert changed.status == 200, changed.body
    assert changed.body["version"] == 2 and changed.body["start_basis"] == "invoice"
    assert changed.body["prices"]["labour_hour"] == 9000

    stale = _put(api, model, _body(version=1))
    assert stale.status == 409 and stale.error["code"] == "stale_version"

    assert api.call("DELETE", f"{_path(model)}?version=1", HQ).status == 409
    assert api.call("DELETE", _path(model), HQ).status == 400  # the version is required
    gone = api.call("DELETE", f"{_path(model)}?version=2", HQ)
    assert gone.status == 204
    assert model not in [t["model"] for t in api.get("/api/warranty/templates", HQ).body["models"]]
    assert api.call("DELETE", f"{_path(model)}?version=2", HQ).status == 404

    trail = [(e.action, e.actor_username) for e in _audit() if e.model == model]
    assert trail == [("save", HQ), ("save", HQ), ("delete", HQ)]
    change = [e for e in _audit() if e.model == model][1]
    assert change.before["groups"][2]["months"] == 3 and change.after["groups"][2]["months"] == 6


def test_the_network_default_is_saved_at_the_version_seen(api):
    current = api.get("/api/warranty/templates", HQ).body["default"]
    body = {k: current[k] for k in ("start_basis", "groups", "exclusions", "prices")}
    if current["version"] is None:  # never saved in this run: create it
        assert api.call("PUT", "/api/warranty/templates/default", HQ,
                        {**body, "version": 1}).status == 409  # nothing at version 1 yet
        saved = api.call("PUT", "/api/warranty/templates/default", HQ, {**body, "version": None})
    else:
        assert api.call("PUT", "/api/warranty/templates/default", HQ,
                        {**body, "version": None}).status == 409
        saved = api.call("PUT", "/api/warranty/templates/default", HQ,
                         {**body, "version": current["version"]})
    assert saved.status == 200, saved.body
    assert saved.body["model"] is None and saved.body["groups"] == current["groups"]
    seen = saved.body["version"]
    stale = api.call("PUT", "/api/warranty/templates/default", HQ, {**body, "version": seen - 1}) \
        if seen > 1 else api.call("PUT", "/api/warranty/templates/default", HQ,
                                  {**body, "version": seen + 5})
    assert stale.status == 409
    assert api.get("/api/warranty/templates", "sz_agent").body["default"]["version"] == seen


def test_only_head_office_writes_templates(api):
    model = _model()
    for user in ("sz_agent", "sz_manager", "sz_support", "sz_tech1", "cd_manager"):
        assert _put(api, model, _body(), user).status == 403, user
        assert api.call("PUT", "/api/warranty/templates/default", user, _body()).status == 403
        assert api.call("DELETE", f"{_path(model)}?version=1", user).status == 403
    assert api.call("PUT", "/api/warranty/templates/default", None, _body()).status == 401


def test_a_template_that_cannot_decide_coverage_is_400_naming_the_field(api):
    model = _model()
    base = _body()
    groups = base["groups"]

    no_whole = _put(api, model, {**base, "groups": groups[1:]})
    assert no_whole.status == 400 and "groups" in no_whole.error["fields"]

    twice = copy.deepcopy(groups)
    twice[2]["components"] = ["变速箱壳体"]  # already a major component
    refused = _put(api, model, {**base, "groups": twice})
    assert refused.status == 400 and list(refused.error["fields"]) == ["groups.2.components.0"]

    whole_parts = copy.deepcopy(groups)
    whole_parts[0]["components"] = ["割台"]
    assert "groups.0.components" in _put(api, model, {**base, "groups": whole_parts}).error["fields"]

    same_code = copy.deepcopy(groups)
    same_code[2]["code"] = "major"
    assert "groups.1.code" in _put(api, model, {**base, "groups": same_code}).error["fields"]

    for bad, field in [({"months": 0}, "groups.1.months"), ({"months": 2.5}, "groups.1.months"),
                       ({"code": "Major!"}, "groups.1.code"), ({"name": ""}, "groups.1.name")]:
        wrong = copy.deepcopy(groups)
        wrong[1].update(bad)
        reply = _put(api, model, {**base, "groups": wrong})
        assert reply.status == 400 and field in reply.error["fields"], (bad, reply.body)

    prices = {**base["prices"]}
    prices.pop("call_out")
    assert "prices.call_out" in _put(api, model, {**base, "prices": prices}).error["fields"]
    negative = _put(api, model, {**base, "prices": {**base["prices"], "meals_day": -1}})
    assert "prices.meals_day" in negative.error["fields"]
    fractional = _put(api, model, {**base, "prices": {**base["prices"], "labour_hour": 80.5}})
    assert "prices.labour_hour" in fractional.error["fields"]  # fen are whole numbers
    assert "start_basis" in _put(api, model, {**base, "start_basis": "sale"}).error["fields"]
    assert "exclusions.0" in _put(api, model, {**base, "exclusions": ["rain"]}).error["fields"]
    for name in ("%01abc", "%20%20", quote("长" * 201)):  # a control character, blank, too long
        reply = api.call("PUT", f"/api/warranty/templates/models/{name}", HQ, base)
        assert reply.status == 400 and "model" in reply.error["fields"], name
    # nothing was saved
    assert model not in [t["model"] for t in api.get("/api/warranty/templates", HQ).body["models"]]


def test_a_template_change_leaves_registered_units_unchanged(api):
    model = _model()
    assert _put(api, model, _body()).status == 200
    customer = customer_of(api, "SZ")
    serial = f"TPL-{uuid.uuid4().hex[:8]}"
    unit = api.post(f"/api/customers/{customer['id']}/equipment", "sz_agent",
                    {"model": model, "serial_no": serial, "delivered_on": "2025-12-01"})
    assert unit.status == 201, unit.body
    assert unit.body["terms"]["template_version"] == 1
    assert [g["months"] for g in unit.body["terms"]["groups"]] == [12, 24, 3]

    longer = copy.deepcopy(unit.body["terms"]["groups"])
    longer[0]["months"] = 36
    assert _put(api, model, _body(version=1, groups=longer)).status == 200

    page = api.get(f"/api/customers/{customer['id']}/units/{unit.body['id']}", "sz_agent").body
    assert [g["months"] for g in page["terms"]["groups"]] == [12, 24, 3]
    assert page["terms_view"]["groups"][0]["last_day"] == "2026-11-30"
    # a unit registered now gets the template as it is now
    later = api.post(f"/api/customers/{customer['id']}/equipment", "sz_agent",
                     {"model": model, "serial_no": f"{serial}-2", "delivered_on": "2025-12-01"})
    assert later.body["terms"]["template_version"] == 2
    assert [g["months"] for g in later.body["terms"]["groups"]] == [36, 24, 3]
