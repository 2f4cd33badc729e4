"""Technicians of one's own for the dispatch board, the dispatch form and "my jobs" tests: each
test's crew is new (a Cognito user and a staff record each, removed afterwards), so the counts
and orders it asserts depend on no other test's orders."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import boto3

from chalicelib.kernel.store import keys
from chalicelib.modules.directory import public as directory
from chalicelib.modules.directory import store as directory_store
from chalicelib.modules.directory.models import Staff
from infra.local.demo_data import DEMO_PASSWORD
from tests.conftest import ENV, STEP_DATA, Api, evidence_for

# where the demo's Shenzhen outlet is (infra/local/demo_data.py) and a site 8 km from it
SZ_OUTLET = (22.5431, 114.0579)
SITE = (22.60, 114.10)


def _idp():
    return boto3.client("cognito-idp", endpoint_url=ENV["AWS_ENDPOINT_URL"],
                        region_name=ENV["AWS_REGION"])


@contextmanager
def crew(stars: list[int], outlet: str = "SZ", tag: str = "wl",
         role: str = "technician") -> Iterator[list[dict]]:
    """New active technicians of the outlet, one per star level given, who can sign in; their
    names sort in the order given. Removed (user and staff record) afterwards. `role`: people of
    another role instead (a second manager of the outlet; no star level)."""
    pool, idp, people = ENV["FUWU_USER_POOL_ID"], _idp(), []
    run = uuid.uuid4().hex[:6]
    try:
        for i, star in enumerate(stars):
            username = f"{tag}_{run}_{i}"
            name = f"派工测试{run}{chr(ord('A') + i)}"
            idp.admin_create_user(UserPoolId=pool, Username=username, MessageAction="SUPPRESS",
                                  UserAttributes=[{"Name": "custom:outlet", "Value": outlet},
                                                  {"Name": "name", "Value": name}])
            idp.admin_set_user_password(UserPoolId=pool, Username=username,
                                        Password=DEMO_PASSWORD, Permanent=True)
            idp.admin_add_user_to_group(UserPoolId=pool, Username=username, GroupName=role)
            directory_store.save_staff(Staff(username=username, name=name, role=role,
                                             outlet=outlet, active=True, phone="13800009999",
                                             star_level=star if role == "technician" else None))
            people.append({"username": username, "name": name, "stars": star})
        yield people
    finally:
        for person in people:
            idp.admin_delete_user(UserPoolId=pool, Username=person["username"])
            record = directory_store.get_staff(person["username"])
            if record is not None:
                record.delete()
            directory.forget(person["username"])


def located_customer(api: Api, outlet: str = "SZ") -> dict:
    """A customer of the outlet whose site has coordinates (SITE)."""
    reply = api.post("/api/customers", f"{outlet.lower()}_agent", {
        "name": f"派工测试客户{uuid.uuid4().hex[:6]}", "phone": "075512345678",
        "address": "深圳市南山区科技园", "site": {"name": "科技园一号楼",
                                          "address": "深圳市南山区科技南路 18 号",
                                          "lat": SITE[0], "lng": SITE[1]}})
    assert reply.status == 201, reply.body
    return reply.body


def order_for(api: Api, customer: dict, outlet: str = "SZ", **fields) -> dict:
    reply = api.post("/api/work-orders", f"{outlet.lower()}_agent", {
        "customer_id": customer["id"], "site_id": customer["sites"][0]["id"], "type": "repair",
        "priority": "general", "channel": "phone", "description": "机组高压报警停机", **fields})
    assert reply.status == 201, reply.body
    return reply.body


def take(api: Api, order: dict, tech: str, actions: list[str], manager: str = "sz_manager",
         data: dict | None = None) -> dict:
    """The technician `tech` (dispatched by the manager) takes these actions; `data` replaces
    the happy-path data of an action by name."""
    for action in actions:
        who = manager if action in ("dispatch", "reassign", "approve_plan", "cancel") else tech
        step = dict(STEP_DATA[action])
        if action in ("dispatch", "reassign"):
            step.update(technician=tech, helpers=[])
        now = keys.iso(keys.utc_now())
        if action == "contact":
            step["contacted_at"] = now
        if action == "check_in":
            step["arrived_at"] = now
        step.update((data or {}).get(action, {}))
        step = evidence_for(api, order, action, who, step)
        reply = api.act(order, action, who, step)
        assert reply.status == 200, (action, reply.body)
        order = reply.body
    return order


@contextmanager
def clock_at(moment: datetime):
    """The server's "now" (keys.utc_now) held at `moment` (then back to what it was)."""
    before = keys.clock
    keys.set_clock(lambda: moment)
    try:
        yield
    finally:
        keys.set_clock(before)
