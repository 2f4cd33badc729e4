"""Training's items in the one table (docs/technicians.md "Training", keys: training_keys.py).

- TrainingPlan: TPLAN#<id> / PLAN; gsi1 TPLANS#<outlet or NETWORK> / <year>#<id>.
- TrainingSession: TSESSION#<id> / SESSION (attendees and their results inside: at most
  30, so one results transaction holds everything it causes); gsi1 TSESSIONS#<outlet> /
  <held_on>#<id>.
- TrainingEvent: TPLAN#<id> or TSESSION#<id> / EVENT#<at>#<id> (the audit trail).
- TrainingRecord: TECH#<username> / TRAIN#<held_on>#<session id>: a person's result, written
  in the results transaction (the file's trainings and 补考 pending: one query).
- PenaltyProposal: PENPROP#<id> / PROPOSAL; gsi1 PENPROPS#<outlet>#<proposed|decided> /
  <at>#<id> (the manager's list: a range query).
"""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, VersionAttribute

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


class TrainingPlan(Item, discriminator="training_plan"):
    """A yearly training plan (年度培训计划): objective, content, audience, time, place, trainer;
    draft until leadership approves it."""

    id = UnicodeAttribute()
    year = NumberAttribute()
    outlet = UnicodeAttribute()  # an outlet's code, or NETWORK (head office's plan)
    objective = UnicodeAttribute()
    content = UnicodeAttribute()
    audience = UnicodeAttribute()
    time = UnicodeAttribute()
    place = UnicodeAttribute()
    trainer = UnicodeAttribute()
    state = UnicodeAttribute()  # draft | approved
    approved_by = UnicodeAttribute(null=True)
    approved_by_name = UnicodeAttribute(null=True)
    approved_at = UnicodeAttribute(null=True)
    created_by = UnicodeAttribute()
    created_by_name = UnicodeAttribute(null=True)
    at = UnicodeAttribute()
    updated_by = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
    version = VersionAttribute()


class TrainingSession(Item, discriminator="training_session"):
    """A training session with its exam and attendees; its results are recorded once."""

    id = UnicodeAttribute()
    plan_id = UnicodeAttribute(null=True)
    outlet = UnicodeAttribute()
    title = UnicodeAttribute()
    held_on = UnicodeAttribute()  # yyyy-mm-dd
    place = UnicodeAttribute()
    trainer = UnicodeAttribute()
    training_kind = UnicodeAttribute(attr_name="training_kind")  # internal|external|on_site
    exam_kind = UnicodeAttribute()  # exam | practical | report
    certificate_type = UnicodeAttribute(null=True)  # a pass issues a certificate of this type
    validity_months = NumberAttribute(default=36)
    pass_mark = NumberAttribute(null=True)  # the policy's when the results were recorded
    # [{username, name, attended, score, result, certificate_id, proposal_id, proposal_state}]
    attendees = Utf8JSONAttribute(default=list)
    state = UnicodeAttribute()  # planned | recorded
    recorded_by = UnicodeAttribute(null=True)
    recorded_by_name = UnicodeAttribute(null=True)
    recorded_at = UnicodeAttribute(null=True)
    created_by = UnicodeAttribute()
    created_by_name = UnicodeAttribute(null=True)
    at = UnicodeAttribute()
    version = VersionAttribute()


class TrainingEvent(Item, discriminator="training_event"):
    """An immutable audit entry of a plan (created, edited, approved: the fields before and
    after) or a session (created, results_recorded), in the change's transaction."""

    id = UnicodeAttribute()
    subject_id = UnicodeAttribute()  # the plan's or the session's id
    action = UnicodeAttribute()
    data = Utf8JSONAttribute(default=dict)
    by = UnicodeAttribute()
    by_name = UnicodeAttribute(null=True)
    at = UnicodeAttribute()


class TrainingRecord(Item, discriminator="training_record"):
    """One person's result of one session, in their TECH# collection."""

    username = UnicodeAttribute()
    session_id = UnicodeAttribute()
    plan_id = UnicodeAttribute(null=True)
    outlet = UnicodeAttribute()
    title = UnicodeAttribute()
    held_on = UnicodeAttribute()
    certificate_type = UnicodeAttribute(null=True)
    score = NumberAttribute(null=True)
    result = UnicodeAttribute()  # passed | retake | absent
    certificate_id = UnicodeAttribute(null=True)
    proposal_id = UnicodeAttribute(null=True)
    proposal_state = UnicodeAttribute(null=True)
    version = VersionAttribute()


class PenaltyProposal(Item, discriminator="penalty_proposal"):
    """A proposed penalty (缺勤罚款) waiting for the manager: approved, it becomes a conduct
    ledger entry in the decision's transaction; dismissed, with a reason. Never a ledger entry
    without the manager."""

    id = UnicodeAttribute()
    username = UnicodeAttribute()
    name = UnicodeAttribute()
    outlet = UnicodeAttribute()
    source = Utf8JSONAttribute()  # {kind: training, id: session id, title, held_on}
    amount_fen = NumberAttribute()
    reason = UnicodeAttribute()
    state = UnicodeAttribute()  # proposed | approved | dismissed
    decided_by = UnicodeAttribute(null=True)
    decided_by_name = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    decision_reason = UnicodeAttribute(null=True)
    conduct_entry_id = UnicodeAttribute(null=True)
    record_sk = UnicodeAttribute(null=True)  # the person's TrainingRecord it came from
    at = UnicodeAttribute()
    version = VersionAttribute()


MODELS: tuple[type, ...] = (TrainingPlan, TrainingSession, TrainingEvent, TrainingRecord,
                            PenaltyProposal)
