"""Every key and index entry of training, spelled once (docs/data-model.md)."""

from __future__ import annotations

from chalicelib.modules.technicians.keys import person_pk
from chalicelib.modules.technicians.training_models import (
    PenaltyProposal,
    TrainingEvent,
    TrainingPlan,
    TrainingRecord,
    TrainingSession,
)

TRAIN_PREFIX = "TRAIN#"
PLAN_SK, SESSION_SK, PROPOSAL_SK = "PLAN", "SESSION", "PROPOSAL"


def plan_pk(plan_id: str) -> str:
    return f"TPLAN#{plan_id}"


def plans_pk(outlet: str) -> str:
    """An outlet's (or the network's) plans by year (gsi1)."""
    return f"TPLANS#{outlet}"


def year_prefix(year: int) -> str:
    return f"{int(year):04d}#"


def session_pk(session_id: str) -> str:
    return f"TSESSION#{session_id}"


def sessions_pk(outlet: str) -> str:
    """An outlet's sessions by the day held (gsi1)."""
    return f"TSESSIONS#{outlet}"


def proposal_pk(proposal_id: str) -> str:
    return f"PENPROP#{proposal_id}"


def proposals_pk(outlet: str, decided: bool) -> str:
    """An outlet's proposals waiting for the manager, or decided (gsi1)."""
    return f"PENPROPS#{outlet}#{'decided' if decided else 'proposed'}"


def record_sk(held_on: str, session_id: str) -> str:
    return f"{TRAIN_PREFIX}{held_on}#{session_id}"


def index_plan(plan: TrainingPlan) -> None:
    plan.pk, plan.sk = plan_pk(plan.id), PLAN_SK
    plan.gsi1pk, plan.gsi1sk = plans_pk(plan.outlet), f"{year_prefix(plan.year)}{plan.id}"


def index_session(session: TrainingSession) -> None:
    session.pk, session.sk = session_pk(session.id), SESSION_SK
    session.gsi1pk = sessions_pk(session.outlet)
    session.gsi1sk = f"{session.held_on}#{session.id}"


def index_event(event: TrainingEvent) -> None:
    """In the plan's or the session's collection (the id's prefix says which)."""
    pk = plan_pk if event.subject_id.startswith("tp_") else session_pk
    event.pk, event.sk = pk(event.subject_id), f"EVENT#{event.at}#{event.id}"


def index_record(record: TrainingRecord) -> None:
    record.pk = person_pk(record.username)
    record.sk = record_sk(record.held_on, record.session_id)


def index_proposal(proposal: PenaltyProposal) -> None:
    proposal.pk, proposal.sk = proposal_pk(proposal.id), PROPOSAL_SK
    proposal.gsi1pk = proposals_pk(proposal.outlet, proposal.state != "proposed")
    proposal.gsi1sk = f"{proposal.at}#{proposal.id}"
