"""The dispatch gate: the technicians area's rules on a work order's lifecycle, registered as
the order's hooks (the orders area keeps the fields and knows none of this):

- `create`, `dispatch`, `reassign`: the order's `job_class` must be a class of head office's
  table (400 `job_class` / `data.job_class`, unknown_job_class);
  `submit_plan`, `revise_plan`: so must each of the plan's `job_classes` (and once each).
- `dispatch`, `reassign`: the technician named in the data must qualify for the order's class
  (after this action's `job_class`); helpers are not checked (they work under the technician).
- `approve_plan`: the order's technician — or the one the approval hands the repair to
  (`data.technician`) — must qualify for the order's class and every class the plan names.
- Qualifying: enough stars (the directory's star_level) and a valid certificate of each type
  the class needs on the outlet's local date (technicians/certificates.py). Else 409
  `skill_insufficient` / `certificate_missing` (the first problem's code; `error.details`:
  technician, problems, and the first problem's fields), unless the data carries
  `skill_override: {reason}` (the manager's decision): then the action goes ahead and the
  order's timeline gets a `skill_override` event {technician, problems, reason}, the audit
  entry. A blank reason is 400 `data.skill_override.reason`.
- The dispatch form's candidates: each technician's problems for the order's class
  (orders.public.register_qualifier), so the qualified ones are listed first.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from chalicelib.kernel import hooks
from chalicelib.kernel.errors import InvalidTransition, ValidationFailed
from chalicelib.kernel.store import keys
from chalicelib.modules.directory import public as directory
from chalicelib.modules.orders import public as orders
from chalicelib.modules.technicians import certificates, job_classes
from chalicelib.modules.technicians.domain import job_classes as table
from chalicelib.modules.technicians.domain import qualification as rules

AREA = "technicians"
SCRATCH = "technicians.gate"
OVERRIDE_EVENT = "skill_override"
CHECKED = ("dispatch", "reassign", "approve_plan")
PLANS = ("submit_plan", "revise_plan")


class SkillInsufficient(InvalidTransition):
    code = rules.SKILL_INSUFFICIENT


class CertificateMissing(InvalidTransition):
    code = rules.CERTIFICATE_MISSING


REFUSALS = {rules.SKILL_INSUFFICIENT: SkillInsufficient,
            rules.CERTIFICATE_MISSING: CertificateMissing}


# ---------------------------------------------------------------- what a technician holds

def _held(username: str) -> list[rules.Held]:
    return [rules.Held(c.cert_type, date.fromisoformat(c.valid_from),
                       date.fromisoformat(c.valid_to), bool(c.revoked_at))
            for c in certificates.held(username)]


def _today(outlet: str, now: datetime) -> date:
    return now.astimezone(directory.zone(outlet)).date()


def problems_of(person, username: str, classes: list[dict], day: date) -> list[dict]:
    """What this technician (their directory entry, None: unknown) lacks for these classes
    (rows of the table) on `day`."""
    if not classes:
        return []
    stars = int(person.star_level) if person is not None and person.star_level is not None else None
    needs = {kind for c in classes for kind in c.get("certificates") or []}
    held = _held(username) if needs else []
    valid = rules.valid_types(held, day)
    expired = {kind: rules.last_expired(held, kind, day) for kind in needs - valid}
    return rules.qualification(classes, stars, valid, expired)


# ---------------------------------------------------------------- the refusal

def _more(count: int) -> dict | str:
    if count <= 0:
        return ""
    return {"zh": f"；另有 {count} 项不符", "en": f"; {count} more"}


def refusal(username: str, found: list[dict], settings: dict) -> InvalidTransition:
    """The 409 for the first problem, naming the technician and what they lack."""
    first = found[0]
    person = directory.staff(username)
    params: dict = {
        "technician_name": person.name if person is not None else username,
        "job_class_name": table.names(table.job_class(settings, first["job_class"]),
                                      first["job_class"]),
        "more": _more(len(found) - 1),
    }
    if first["code"] == rules.SKILL_INSUFFICIENT:
        params.update(has=first["has"], needed=first["needed"])
    else:
        params["certificate_name"] = table.names(
            table.certificate_type(settings, first["certificate"]), first["certificate"])
        ended = first.get("expired_on")
        params["expired"] = ({"zh": f"（已于 {ended} 过期）", "en": f" (expired {ended})"}
                             if ended else "")
    details = {"technician": username, "problems": found,
               **{k: v for k, v in first.items() if k != "code"}}
    return REFUSALS[first["code"]](details=details, params=params)


# ---------------------------------------------------------------- the hooks

def _check_codes(ctx: hooks.ActionContext, settings: dict) -> None:
    prefix = "" if ctx.action == "create" else "data."
    problems: dict = {}
    if job_classes.unknown_class(settings, ctx.data.get("job_class")):
        problems[f"{prefix}job_class"] = ("unknown_job_class", {})
    seen: set[str] = set()
    for i, code in enumerate(ctx.data.get("job_classes") or []):
        if job_classes.unknown_class(settings, code):
            problems[f"{prefix}job_classes.{i}"] = ("unknown_job_class", {})
        elif code in seen:
            problems[f"{prefix}job_classes.{i}"] = ("duplicate", {})
        seen.add(code)
    override = ctx.data.get("skill_override")
    if override is not None and not str(override.get("reason") or "").strip():
        problems[f"{prefix}skill_override.reason"] = ("required", {})
    if problems:
        raise ValidationFailed(fields=problems)


def _with_plan(order, settings: dict) -> list[dict]:
    """The classes a plan's approval checks: the order's and every one the plan names."""
    plan = (order.steps or {}).get("plan") or {}
    return rules.classes_of(settings["job_classes"],
                            [order.job_class, *(plan.get("job_classes") or [])])


def _needed(ctx: hooks.ActionContext, settings: dict) -> tuple[str | None, list[dict]]:
    """Who is checked for which classes by this action."""
    order = ctx.subject
    if ctx.action == "approve_plan":
        # the technician the repair is handed to with the approval, else the order's
        return ctx.data.get("technician") or order.technician, _with_plan(order, settings)
    code = ctx.data["job_class"] if "job_class" in ctx.data else order.job_class
    return ctx.data.get("technician"), rules.classes_of(settings["job_classes"], [code])


def _check(ctx: hooks.ActionContext) -> None:
    settings = job_classes.settings_now()[0]
    _check_codes(ctx, settings)
    if ctx.action not in CHECKED:
        return
    username, classes = _needed(ctx, settings)
    if not username or not classes:
        return
    directory.forget(username)  # as stored now: another instance may have changed the stars
    found = problems_of(directory.staff(username), username, classes,
                        _today(ctx.subject.outlet, ctx.now))
    if not found:
        ctx.data.pop("skill_override", None)  # nothing overridden: no reason on the record
        return
    if ctx.data.get("skill_override") is None:
        raise refusal(username, found, settings)
    ctx.scratch[SCRATCH] = {"technician": username, "problems": found,
                            "reason": ctx.data["skill_override"]["reason"].strip()}


def _apply(ctx: hooks.ActionContext) -> hooks.Writes | None:
    """The override of a refusal: its own event on the order's timeline, just after the
    action's (the audit entry: who let whom do what they lack, and why)."""
    overridden = ctx.scratch.get(SCRATCH)
    if not overridden or ctx.follow is None:
        return None
    return hooks.Writes(items=[ctx.follow(OVERRIDE_EVENT, overridden,
                                          ctx.now + timedelta(milliseconds=1))])


def qualify(order, people: list) -> dict[str, list[dict]]:
    """The dispatch form's candidates: per technician (directory Staff) what they lack for the
    order's class today — and, while its plan awaits approval, for the plan's classes too (the
    approval may hand the repair over) — empty: qualified; nothing to check without a class."""
    settings = job_classes.settings_now()[0]
    classes = (_with_plan(order, settings) if order.state == "plan_submitted"
               else rules.classes_of(settings["job_classes"], [order.job_class]))
    if not classes:
        return {}
    day = _today(order.outlet, keys.utc_now())
    return {p.username: problems_of(p, p.username, classes, day) for p in people}


def register() -> None:
    hooks.on(orders.KIND, ("create", *CHECKED, *PLANS), area=AREA, check=_check, apply=_apply)
    orders.register_qualifier(qualify)
