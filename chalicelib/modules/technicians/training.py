"""Training (培训): yearly plans approved by leadership, sessions with attendees and an exam, the
results recorded once — a pass issues a certificate, a score below the pass mark leaves a 补考
pending, an absence proposes a fine the manager approves (a conduct ledger entry, in the
decision's transaction) or dismisses. Rules: domain/training.py; docs/technicians.md
"Training".

Who: a manager for their own outlet (another outlet's plan, session or proposal does not exist
for them: 404; they read the network's plans but change none: 403), head office for any.
"""

from __future__ import annotations

from datetime import date

from pynamodb.exceptions import DoesNotExist

from chalicelib.kernel.access import outlet_scope
from chalicelib.kernel.actor import HEAD_OFFICE, Actor
from chalicelib.kernel.errors import (
    Forbidden,
    InvalidTransition,
    NotFound,
    StaleVersion,
    ValidationFailed,
)
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import transact
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.validation import parse_year
from chalicelib.modules.directory import public as directory
from chalicelib.modules.technicians import certificates
from chalicelib.modules.technicians import keys as tech_keys
from chalicelib.modules.technicians import training_keys as keys
from chalicelib.modules.technicians.domain import training as rules
from chalicelib.modules.technicians.training_models import (
    PenaltyProposal,
    TrainingEvent,
    TrainingPlan,
    TrainingRecord,
    TrainingSession,
)
from chalicelib.modules.technicians.training_vocabulary import NETWORK

PROPOSALS_SHOWN = 100  # a list of decided proposals: the newest hundred


class PlanApproved(InvalidTransition):
    code = "training_plan_approved"


class PlanDraft(InvalidTransition):
    code = "training_plan_draft"


class NotHeld(InvalidTransition):
    code = "training_not_held"


class Recorded(InvalidTransition):
    code = "training_recorded"


class ProposalDecided(InvalidTransition):
    code = "proposal_decided"


def _now() -> str:
    return kernel_keys.iso(kernel_keys.utc_now())


def _blank(values: dict) -> None:
    problems = certificates.blank(values)
    if problems:
        raise ValidationFailed(fields=problems)


def _real_outlet(code: str) -> bool:
    found = directory.outlet(code)
    return found is not None and not found.is_head_office


def _office(actor: Actor) -> None:
    if actor.role not in ("manager", HEAD_OFFICE):
        raise Forbidden()


def _event(actor: Actor, subject_id: str, action: str, data: dict, at: str
           ) -> tuple[TrainingEvent, object]:
    """The change's immutable audit entry (a plan's or a session's), in its transaction."""
    event = TrainingEvent(id=kernel_keys.new_id("te"), subject_id=subject_id, action=action,
                          data=data, by=actor.username, by_name=directory.actor_name(actor),
                          at=at)
    keys.index_event(event)
    return event, TrainingEvent.pk.does_not_exist()


# ---------------------------------------------------------------- plans

def plan_view(plan: TrainingPlan) -> dict:
    return {"id": plan.id, "year": int(plan.year), "outlet": plan.outlet,
            "objective": plan.objective, "content": plan.content, "audience": plan.audience,
            "time": plan.time, "place": plan.place, "trainer": plan.trainer,
            "state": plan.state, "approved_by": plan.approved_by,
            "approved_by_name": plan.approved_by_name, "approved_at": plan.approved_at,
            "created_by": plan.created_by, "created_by_name": plan.created_by_name,
            "at": plan.at, "version": int(plan.version)}


def _get_plan(plan_id: str) -> TrainingPlan | None:
    try:
        return TrainingPlan.get(keys.plan_pk(plan_id), keys.PLAN_SK, consistent_read=True)
    except DoesNotExist:
        return None


def _reads_plan(actor: Actor, plan: TrainingPlan) -> bool:
    return actor.role == HEAD_OFFICE or (
        actor.role == "manager" and plan.outlet in (actor.outlet, NETWORK))


def _readable_plan(actor: Actor, plan_id: str) -> TrainingPlan:
    plan = _get_plan(plan_id)
    if plan is None or not _reads_plan(actor, plan):
        raise NotFound()
    return plan


def _writable_plan(actor: Actor, plan_id: str) -> TrainingPlan:
    """Head office any plan; a manager their outlet's (the network's is head office's: 403)."""
    plan = _readable_plan(actor, plan_id)
    _office(actor)
    if actor.role != HEAD_OFFICE and plan.outlet != actor.outlet:
        raise Forbidden()
    return plan


def plans(actor: Actor, params: dict) -> dict:
    """A year's plans: a manager's outlet's and the network's (or only the network's with
    outlet=NETWORK); head office the outlet (or NETWORK) asked for. One index query each."""
    _office(actor)
    year = parse_year(params.get("year")) if params.get("year") else None
    if year is None:
        raise ValidationFailed(fields={"year": ("required", {})})
    asked = params.get("outlet")
    if asked == NETWORK:
        outlets = [NETWORK]
    else:
        outlet = outlet_scope(actor, asked)
        if not _real_outlet(outlet):
            raise NotFound()
        outlets = [NETWORK, outlet] if actor.role != HEAD_OFFICE else [outlet]
    index_sk = type(TrainingPlan.gsi1).gsi1sk
    found: list[TrainingPlan] = []
    for outlet in outlets:
        found += [p for p in TrainingPlan.gsi1.query(
            keys.plans_pk(outlet), index_sk.startswith(keys.year_prefix(year)))
            if isinstance(p, TrainingPlan)]
    shown = asked or (actor.outlet if actor.role != HEAD_OFFICE else "")
    return {"year": year, "outlet": shown, "items": [plan_view(p) for p in found]}


def plan(actor: Actor, plan_id: str) -> dict:
    _office(actor)
    return plan_view(_readable_plan(actor, plan_id))


def _plan_texts(body: dict) -> None:
    _blank({name: body[name] for name in ("objective", "content", "audience", "time",
                                          "place", "trainer")})


def create_plan(actor: Actor, body: dict) -> dict:
    """A manager drafts their outlet's plan, head office any outlet's or the network's."""
    _office(actor)
    outlet = body["outlet"]
    if outlet == NETWORK:
        if actor.role != HEAD_OFFICE:
            raise Forbidden()  # the network's plan is head office's
    elif actor.role != HEAD_OFFICE and outlet != actor.outlet:
        raise NotFound()
    elif not _real_outlet(outlet):
        raise ValidationFailed(fields={"outlet": ("not_found", {})})
    _plan_texts(body)
    now = _now()
    plan = TrainingPlan(
        id=kernel_keys.new_id("tp"), year=int(body["year"]), outlet=outlet,
        objective=body["objective"].strip(), content=body["content"].strip(),
        audience=body["audience"].strip(), time=body["time"].strip(),
        place=body["place"].strip(), trainer=body["trainer"].strip(), state="draft",
        created_by=actor.username, created_by_name=directory.actor_name(actor), at=now)
    keys.index_plan(plan)
    transact([(plan, TrainingPlan.pk.does_not_exist()),
              _event(actor, plan.id, "created", {"before": None, "after": _audited(plan)}, now)])
    return plan_view(plan)


PLAN_AUDITED = ("year", "objective", "content", "audience", "time", "place", "trainer", "state")


def _audited(plan: TrainingPlan) -> dict:
    return {name: (int(plan.year) if name == "year" else getattr(plan, name))
            for name in PLAN_AUDITED}


def _save_plan(actor: Actor, plan: TrainingPlan, action: str, before: dict, at: str) -> None:
    """The plan only if still at the version read, with its audit entry."""
    try:
        transact([(plan, None),
                  _event(actor, plan.id, action, {"before": before, "after": _audited(plan)},
                         at)])
    except VersionConflict:
        raise StaleVersion() from None


def edit_plan(actor: Actor, plan_id: str, body: dict) -> dict:
    """Change a draft plan on the version seen (an approved plan stays as approved)."""
    plan = _writable_plan(actor, plan_id)
    _plan_texts(body)
    if int(plan.version) != int(body["version"]):
        raise StaleVersion()
    if plan.state != "draft":
        raise PlanApproved()
    before = _audited(plan)
    for name in ("objective", "content", "audience", "time", "place", "trainer"):
        setattr(plan, name, body[name].strip())
    plan.year = int(body["year"])
    plan.updated_by, plan.updated_at = actor.username, _now()
    keys.index_plan(plan)
    _save_plan(actor, plan, "edited", before, plan.updated_at)
    return plan_view(plan)


def approve_plan(actor: Actor, plan_id: str, body: dict) -> dict:
    """Leadership approves: head office the network's plan, an outlet's manager (or head
    office) the outlet's."""
    plan = _writable_plan(actor, plan_id)
    if int(plan.version) != int(body["version"]):
        raise StaleVersion()
    if plan.state != "draft":
        raise PlanApproved()
    before = _audited(plan)
    plan.state = "approved"
    plan.approved_by, plan.approved_by_name = actor.username, directory.actor_name(actor)
    plan.approved_at = _now()
    _save_plan(actor, plan, "approved", before, plan.approved_at)
    return plan_view(plan)


# ---------------------------------------------------------------- sessions

class _Names:
    """Certificate type names in the reader's language (the job-class table's)."""

    def __init__(self, lang: str, document: dict | None = None):
        self.document = document if document is not None else certificates.policy()[0]
        self.names = certificates.type_names(self.document, lang)

    def of(self, code: str | None) -> str | None:
        return self.names.get(code, code) if code else None


def _head(session: TrainingSession, names: _Names) -> dict:
    return {"id": session.id, "plan_id": session.plan_id, "outlet": session.outlet,
            "title": session.title, "held_on": session.held_on, "place": session.place,
            "trainer": session.trainer, "kind": session.training_kind,
            "exam_kind": session.exam_kind, "certificate_type": session.certificate_type,
            "certificate_type_name": names.of(session.certificate_type),
            "validity_months": int(session.validity_months), "state": session.state,
            "version": int(session.version)}


def _proposal_states(session: TrainingSession) -> dict[str, str]:
    """The proposals of a session's absentees as they are now (one batch read by key)."""
    ids = [a["proposal_id"] for a in session.attendees if a.get("proposal_id")]
    if not ids:
        return {}
    found = PenaltyProposal.batch_get([(keys.proposal_pk(i), keys.PROPOSAL_SK) for i in ids])
    return {p.id: p.state for p in found}


def session_view(session: TrainingSession, names: _Names, plan: TrainingPlan | None = None
                 ) -> dict:
    if plan is None and session.plan_id:
        plan = _get_plan(session.plan_id)
    states = _proposal_states(session)
    attendees = [{"username": a["username"], "name": a.get("name") or a["username"],
                  "attended": a.get("attended"), "score": a.get("score"),
                  "result": a.get("result"), "certificate_id": a.get("certificate_id"),
                  "proposal_id": a.get("proposal_id"),
                  "proposal_state": states.get(a.get("proposal_id") or "")}
                 for a in session.attendees]
    return {**_head(session, names),
            "plan": ({"id": plan.id, "year": int(plan.year), "objective": plan.objective,
                      "state": plan.state} if plan is not None else None),
            "pass_mark": int(session.pass_mark) if session.pass_mark is not None else None,
            "attendees": attendees, "recorded_by": session.recorded_by,
            "recorded_by_name": session.recorded_by_name, "recorded_at": session.recorded_at,
            "created_by": session.created_by, "created_by_name": session.created_by_name,
            "at": session.at}


def _session_row(session: TrainingSession, names: _Names) -> dict:
    results = [a.get("result") for a in session.attendees]
    return {**_head(session, names), "attendees": len(session.attendees),
            "passed": results.count("passed"), "retake": results.count("retake"),
            "absent": results.count("absent")}


def _readable_session(actor: Actor, session_id: str) -> TrainingSession:
    _office(actor)
    try:
        session = TrainingSession.get(keys.session_pk(session_id), keys.SESSION_SK,
                                      consistent_read=True)
    except DoesNotExist:
        raise NotFound() from None
    if actor.role != HEAD_OFFICE and session.outlet != actor.outlet:
        raise NotFound()
    return session


def sessions(actor: Actor, params: dict, lang: str = "zh") -> dict:
    """An outlet's sessions of a year (default this year), newest first (one index query)."""
    _office(actor)
    outlet = outlet_scope(actor, params.get("outlet"))
    if not _real_outlet(outlet):
        raise NotFound()
    year = (parse_year(params["year"]) if params.get("year")
            else certificates.today(outlet).year)
    if year is None:
        raise ValidationFailed(fields={"year": ("invalid", {})})
    index_sk = type(TrainingSession.gsi1).gsi1sk
    found = TrainingSession.gsi1.query(keys.sessions_pk(outlet),
                                       index_sk.startswith(f"{int(year):04d}-"),
                                       scan_index_forward=False)
    names = _Names(lang)
    return {"outlet": outlet, "year": int(year),
            "items": [_session_row(s, names) for s in found if isinstance(s, TrainingSession)]}


def session(actor: Actor, session_id: str, lang: str = "zh") -> dict:
    return session_view(_readable_session(actor, session_id), _Names(lang))


def _session_problems(body: dict, outlet: str, document: dict) -> dict:
    problems = certificates.blank({name: body[name] for name in ("title", "place", "trainer")})
    if body.get("certificate_type") and body["certificate_type"] not in \
            certificates.type_names(document, "zh"):
        problems["certificate_type"] = ("unknown_certificate_type",
                                        {"code": body["certificate_type"]})
    seen: set[str] = set()
    for i, attendee in enumerate(body["attendees"]):
        username = attendee["username"]
        person = directory.staff(username)
        if username in seen:
            problems[f"attendees.{i}.username"] = ("duplicate", {})
        elif (person is None or person.role != "technician" or not person.active
              or person.outlet != outlet):
            problems[f"attendees.{i}.username"] = ("not_outlet_technician", {})
        seen.add(username)
    return problems


def create_session(actor: Actor, body: dict, lang: str = "zh") -> dict:
    """A manager plans a session at their outlet, head office at any; under an approved plan
    of the outlet or the network, or none."""
    _office(actor)
    outlet = body["outlet"]
    if actor.role != HEAD_OFFICE and outlet != actor.outlet:
        raise NotFound()
    if not _real_outlet(outlet):
        raise ValidationFailed(fields={"outlet": ("not_found", {})})
    document = certificates.policy()[0]
    problems = _session_problems(body, outlet, document)
    plan = None
    if body.get("plan_id"):
        plan = _get_plan(body["plan_id"])
        if plan is None or plan.outlet not in (outlet, NETWORK):
            problems["plan_id"] = ("not_found", {})
    if problems:
        raise ValidationFailed(fields=problems)
    if plan is not None and plan.state != "approved":
        raise PlanDraft()
    now = _now()
    attendees = []
    for attendee in body["attendees"]:
        person = directory.staff(attendee["username"])
        attendees.append({"username": person.username, "name": person.name, "attended": None,
                          "score": None, "result": None, "certificate_id": None,
                          "proposal_id": None})
    session = TrainingSession(
        id=kernel_keys.new_id("ts"), plan_id=plan.id if plan else None, outlet=outlet,
        title=body["title"].strip(), held_on=body["held_on"], place=body["place"].strip(),
        trainer=body["trainer"].strip(), training_kind=body["kind"],
        exam_kind=body["exam_kind"], certificate_type=body.get("certificate_type") or None,
        validity_months=int(body.get("validity_months") or rules.DEFAULT_VALIDITY_MONTHS),
        attendees=attendees, state="planned", created_by=actor.username,
        created_by_name=directory.actor_name(actor), at=now)
    keys.index_session(session)
    transact([(session, TrainingSession.pk.does_not_exist()),
              _event(actor, session.id, "created", {"attendees": [a["username"]
                                                               for a in attendees]}, now)])
    return session_view(session, _Names(lang, document), plan)


def _reason(session: TrainingSession, lang: str) -> str:
    if lang == "en":
        return f"Absent from the training “{session.title}” ({session.held_on})"
    return f"缺席培训「{session.title}」（{session.held_on}）"


def record_results(actor: Actor, session_id: str, body: dict, lang: str = "zh") -> dict:
    """Record every attendee's attendance and score at once, on the version seen: a pass
    issues the session's certificate, a score below the pass mark leaves a 补考 pending, an
    absence proposes the policy's fine to the manager. One transaction: the session, each
    person's result, the certificates, the proposals and the audit entry."""
    session = _readable_session(actor, session_id)
    usernames = [a["username"] for a in session.attendees]
    problems = rules.results_problems(usernames, body["results"])
    problems.update(certificates.blank({
        f"results.{i}.certificate_number": r["certificate_number"]
        for i, r in enumerate(body["results"]) if "certificate_number" in r}))
    if problems:
        raise ValidationFailed(fields=problems)
    if int(session.version) != int(body["version"]):
        raise StaleVersion()
    if session.state != "planned":
        raise Recorded()
    if certificates.today(session.outlet) < date.fromisoformat(session.held_on):
        raise NotHeld()
    document = certificates.policy()[0]
    pass_mark, fine = int(document["pass_mark"]), int(document["absence_fine_fen"])
    given = {r["username"]: r for r in body["results"]}
    now = _now()
    held_on = date.fromisoformat(session.held_on)
    valid_to = rules.valid_to(held_on, int(session.validity_months)).isoformat()
    entries: list = []
    attendees = []
    for n, attendee in enumerate(session.attendees, start=1):
        entry = given[attendee["username"]]
        score = entry.get("score") if entry["attended"] else None
        result = rules.result_of(entry["attended"], score, pass_mark)
        person = directory.staff(attendee["username"])
        record = TrainingRecord(
            username=attendee["username"], session_id=session.id, plan_id=session.plan_id,
            outlet=session.outlet, title=session.title, held_on=session.held_on,
            certificate_type=session.certificate_type, score=score, result=result)
        if result == "passed" and session.certificate_type and person is not None:
            number = (entry.get("certificate_number") or "").strip() or \
                f"{session.held_on.replace('-', '')}-{session.id[-4:]}-{n:02d}"
            certificate, written = certificates.issued(
                actor, person, session.certificate_type, number, session.trainer,
                session.held_on, valid_to, now)
            record.certificate_id = certificate.id
            entries += written
        if result == "absent":
            proposal = PenaltyProposal(
                id=kernel_keys.new_id("pp"), username=attendee["username"],
                name=attendee.get("name") or attendee["username"], outlet=session.outlet,
                source={"kind": "training", "id": session.id, "title": session.title,
                        "held_on": session.held_on},
                amount_fen=fine, reason=_reason(session, lang), state="proposed", at=now,
                record_sk=keys.record_sk(session.held_on, session.id))
            keys.index_proposal(proposal)
            record.proposal_id, record.proposal_state = proposal.id, "proposed"
            entries.append((proposal, PenaltyProposal.pk.does_not_exist()))
        keys.index_record(record)
        entries.append((record, TrainingRecord.pk.does_not_exist()))
        attendees.append({**attendee, "attended": bool(entry["attended"]), "score": score,
                          "result": result, "certificate_id": record.certificate_id,
                          "proposal_id": record.proposal_id})
    session.attendees, session.state, session.pass_mark = attendees, "recorded", pass_mark
    session.recorded_by, session.recorded_by_name = actor.username, directory.actor_name(actor)
    session.recorded_at = now
    audit = {"pass_mark": pass_mark, "absence_fine_fen": fine,
             "results": [{k: a[k] for k in ("username", "attended", "score", "result",
                                            "certificate_id", "proposal_id")}
                         for a in attendees]}
    try:
        transact([(session, None), _event(actor, session.id, "results_recorded", audit, now),
                  *entries])
    except VersionConflict:
        raise StaleVersion() from None
    return session_view(session, _Names(lang, document))


# ---------------------------------------------------------------- proposals

def proposal_view(proposal: PenaltyProposal) -> dict:
    source = proposal.source or {}
    return {"id": proposal.id, "username": proposal.username, "name": proposal.name,
            "outlet": proposal.outlet,
            "source": {"kind": "training", "id": source.get("id", ""),
                       "title": source.get("title", ""), "held_on": source.get("held_on", "")},
            "amount_fen": int(proposal.amount_fen), "reason": proposal.reason,
            "state": proposal.state, "decided_by": proposal.decided_by,
            "decided_by_name": proposal.decided_by_name, "decided_at": proposal.decided_at,
            "decision_reason": proposal.decision_reason,
            "conduct_entry_id": proposal.conduct_entry_id, "at": proposal.at,
            "version": int(proposal.version)}


def proposals(actor: Actor, params: dict) -> dict:
    """An outlet's proposals waiting for the manager (oldest first), or the decided ones
    (newest first, the latest hundred): one index query."""
    _office(actor)
    outlet = outlet_scope(actor, params.get("outlet"))
    if not _real_outlet(outlet):
        raise NotFound()
    state = params.get("state") or "proposed"
    decided = state == "decided"
    found = PenaltyProposal.gsi1.query(keys.proposals_pk(outlet, decided),
                                       scan_index_forward=not decided,
                                       limit=PROPOSALS_SHOWN if decided else None)
    items = [proposal_view(p) for p in found if isinstance(p, PenaltyProposal)]
    return {"outlet": outlet, "state": state, "items": items[:PROPOSALS_SHOWN] if decided
            else items}


def decide(actor: Actor, proposal_id: str, body: dict) -> dict:
    """The manager approves (a penalty entry of the proposed amount lands in the person's
    ledger, in this transaction) or dismisses with a reason; once, on the version seen."""
    _office(actor)
    try:
        proposal = PenaltyProposal.get(keys.proposal_pk(proposal_id), keys.PROPOSAL_SK,
                                       consistent_read=True)
    except DoesNotExist:
        raise NotFound() from None
    if actor.role != HEAD_OFFICE and proposal.outlet != actor.outlet:
        raise NotFound()
    if actor.username == proposal.username:
        raise Forbidden()  # nobody decides their own penalty
    reason = (body.get("reason") or "").strip()
    if body["decision"] == "dismiss" and not reason:
        raise ValidationFailed(fields={"reason": ("required", {})})
    if int(proposal.version) != int(body["version"]):
        raise StaleVersion()
    if proposal.state != "proposed":
        raise ProposalDecided()
    now = kernel_keys.utc_now()
    entries: list = []
    if body["decision"] == "approve":
        from chalicelib.modules.conduct import public as conduct

        person = directory.staff(proposal.username)
        if person is None:
            raise NotFound()
        source = proposal.source or {}
        entry, condition = conduct.entry_write(
            person, "penalty", int(proposal.amount_fen), proposal.reason,
            {"kind": "training", "id": source.get("id"), "number": source.get("title")},
            actor, now, penalty_kind="fine")
        entries.append((entry, condition))
        proposal.state, proposal.conduct_entry_id = "approved", entry.id
    else:
        proposal.state = "dismissed"
    proposal.decided_by, proposal.decided_by_name = actor.username, directory.actor_name(actor)
    proposal.decided_at, proposal.decision_reason = kernel_keys.iso(now), reason or None
    keys.index_proposal(proposal)
    entries.insert(0, (proposal, None))
    if proposal.record_sk:
        try:
            record = TrainingRecord.get(tech_keys.person_pk(proposal.username),
                                        proposal.record_sk, consistent_read=True)
            record.proposal_state = proposal.state
            entries.append((record, None))
        except DoesNotExist:
            pass
    try:
        transact(entries)
    except VersionConflict:
        raise StaleVersion() from None
    return proposal_view(proposal)


# ---------------------------------------------------------------- the file

def _training_view(record: TrainingRecord, names: _Names) -> dict:
    return {"session_id": record.session_id, "title": record.title,
            "held_on": record.held_on, "outlet": record.outlet, "plan_id": record.plan_id,
            "certificate_type": record.certificate_type,
            "certificate_type_name": names.of(record.certificate_type),
            "score": int(record.score) if record.score is not None else None,
            "result": record.result, "certificate_id": record.certificate_id,
            "proposal_id": record.proposal_id, "proposal_state": record.proposal_state}


def of_person(username: str, lang: str = "zh") -> dict:
    """A person's trainings, newest first, and the 补考 still pending (one query of their
    TECH# collection): the file's `trainings` and `retakes_pending`."""
    found = TrainingRecord.query(tech_keys.person_pk(username),
                                 TrainingRecord.sk.startswith(keys.TRAIN_PREFIX),
                                 scan_index_forward=False, consistent_read=True)
    names = _Names(lang)
    views = [_training_view(r, names) for r in found if isinstance(r, TrainingRecord)]
    return {"trainings": views, "retakes_pending": rules.retakes_pending(views)}
