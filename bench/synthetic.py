"""Synthetic work orders for the benches that need thousands of them written straight into the
table (bench.exports, bench.migrate_orders): a timeline of steps up to a point of the
lifecycle and the clocks the SLA engine would have stored, as plain data."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def clock(name: str, started: datetime, hours: float, stopped: datetime | None) -> dict:
    """A clock as the SLA engine stores it: stopped (met or missed), or still running."""
    due = started + timedelta(hours=hours)
    late = max(0, int((stopped - due).total_seconds())) if stopped else None
    return {"name": name, "state": "stopped" if stopped else "running", "run": 1,
            "basis": "calendar",
            "target": {"amount": hours, "unit": "hours", "basis": "calendar", "note": None,
                       "rule_index": 0, "cap_working_days": None, "policy_version": 1},
            "start_event": "created", "started_at": iso(started), "due_at": iso(due),
            "paused_at": None, "stopped_at": iso(stopped) if stopped else None,
            "late_seconds": late,
            "outcome": None if stopped is None else "missed" if late else "met",
            "explanation": {"skipped": [], "pauses": [], "extensions": [], "adjustments": [],
                            "unconfirmed_years": []},
            "levels": [{"name": "warning", "at": iso(due - timedelta(hours=1)),
                        "notify": ["assignee"]}], "notified": []}


def timeline(rng: random.Random, created: datetime, reached: int, tech: str, tech_name: str,
             helpers: list[str], manager: str, agent: str,
             fault: tuple[str, str, str]) -> tuple[dict, dict, datetime]:
    """(steps, clocks, last moment) of an order that got `reached` steps far (1 dispatched and
    contacted, 2 on site, 3 repaired, 4 accepted, 5 visited), from `created` on; the response
    and arrival clocks stopped where their steps were taken."""
    steps: dict = {}
    clocks: dict = {}
    at = created
    if reached >= 1:
        at += timedelta(minutes=rng.uniform(5, 90))
        steps["dispatch"] = {"technician": tech, "technician_name": tech_name, "helpers": helpers,
                             "by": manager, "at": iso(at)}
        at += timedelta(minutes=rng.uniform(5, 60))
        steps["contact"] = {"contacted_at": iso(at), "visit_at": iso(at + timedelta(hours=3)),
                            "note": "已与客户电话确认上门时间", "by": tech, "at": iso(at)}
        clocks["response"] = clock("response", created, 2, at)
    if reached >= 2:
        at += timedelta(hours=rng.uniform(1, 6))
        steps["arrival"] = {"arrived_at": iso(at), "geo": {"lat": 22.54, "lng": 114.05},
                            "by": tech, "at": iso(at)}
        clocks["arrival"] = clock("arrival", created, 4, at)
    if reached >= 3:
        at += timedelta(hours=rng.uniform(1, 30))
        steps["completion"] = {"fault_cause": fault[1], "solution": fault[2],
                               "parts_replaced": [{"name": "交流接触器 CJX2-25", "quantity": 1}]
                               if rng.random() < 0.6 else [], "by": tech, "at": iso(at)}
    if reached >= 4:
        at += timedelta(hours=rng.uniform(0.2, 24))
        steps["acceptance"] = {"customer_name": "陈先生", "opinion": "维修及时，设备运行正常",
                               "satisfied": True, "satisfaction": rng.choice([4, 5]),
                               "by": tech, "at": iso(at)}
    if reached >= 5:
        at += timedelta(days=rng.uniform(1, 5))
        steps["return_visit"] = {"channel": "phone", "comments": "服务态度好，响应迅速",
                                 "scores": {"attitude": 5, "skill": rng.choice([4, 5]),
                                            "punctuality": rng.choice([3, 4, 5]), "result": 5,
                                            "overall": rng.choice([4, 5])},
                                 "by": agent, "at": iso(at)}
    return steps, clocks, at
