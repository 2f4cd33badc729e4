"""The contracts' expiry reminders (维护合同到期提醒, 001 §7: a written reminder three months before
the free maintenance period ends): every morning, each active contract — a free period or a paid
contract — whose `remind_on` (ends_on − REMIND_MONTHS, a period ending 2026-12-31 on 2026-09-30)
has come is told once to its outlet's managers and head office (the inbox notice
`contract_expiring`, and e-mail to who wants it), and a renewal task appears: the contract's
`renewal_due` flag with its sparse list entry gsi7 OUTLET#<o>#CONTRACTS#RENEWAL (the list's
`renewal_due=true`, 待续签) until it is renewed.

One transaction per contract (sla.public.tell_once): the told-once marker CONTRACT#<id> /
REMINDED#<ends_on> written only if absent, the notices, the contract's `renewal_due` event and
its update — renewal_due set, remind_on cleared (it leaves the reminder index gsi6
CONTRACTREMIND / <remind_on>#<id>) — conditioned on the contract still active with the
remind_on and ends_on read. A second run, or a run delivered twice, tells no one again; a
contract ended, terminated or moved to another end meanwhile is told nothing now (its new end
has its own remind_on and marker). The update moves the version (a form opened before is
refused as stale) without needing it (kernel store `Update(on_version=False)`).

Reads: one range query of the reminder index up to today (only the contracts not told yet),
one BatchGetItem of their markers, the outlet's managers and head office's people: never the
whole table. A contract that fails to be told is logged by its ids and tried by the next run.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta

from chalicelib.kernel.observability import count, flush, log_failure, logger
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import Update, transact
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.store.models import Item
from chalicelib.modules.contracts import keys
from chalicelib.modules.contracts.domain.schedule import REMIND_MONTHS
from chalicelib.modules.contracts.models import Contract
from chalicelib.modules.directory import public as directory
from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.sla import public as sla

NOTICE = "contract_expiring"  # the notifications' `notice` vocabulary (contracts')
EVENT = "renewal_due"  # the contract's timeline (contracts' `event` vocabulary)
LEVEL = "handoff"  # a work notice, not a deadline's level
SUBJECT = "contract"


def link(contract_id: str) -> str:
    return f"/contracts/{contract_id}"


def marker_key(contract: Contract) -> tuple[str, str]:
    return keys.contract_pk(contract.id), keys.reminded_sk(contract.ends_on)


def due(until: date) -> list[Contract]:
    """The active contracts not told yet whose remind_on is on or before `until`: one range
    query of the sparse reminder index."""
    index_sk = type(Item.gsi6).gsi6sk
    return [c for c in Item.gsi6.query(keys.REMIND_PK,
                                       index_sk <= keys.remind_sk(until.isoformat(), "\uffff"))
            if isinstance(c, Contract)]


def texts(contract: Contract) -> tuple[dict, dict]:
    customer = contract.customer_name or contract.customer_id
    what_zh = "免费维护期" if contract.free_period else "维护合同"
    what_en = "free maintenance period" if contract.free_period else "maintenance contract"
    return notifications.notice_texts(NOTICE, f"{contract.number} {customer}", {
        "zh": (f"客户 {customer} 的{what_zh}（合同号 {contract.number}，"
               f"{contract.starts_on} 至 {contract.ends_on}）将于 {contract.ends_on} 到期，"
               f"距到期约 {REMIND_MONTHS} 个月。请联系客户办理续签，并以书面形式告知客户。"),
        "en": (f"The {what_en} of customer {customer} (contract {contract.number}, "
               f"{contract.starts_on} to {contract.ends_on}) ends on {contract.ends_on}, in about "
               f"{REMIND_MONTHS} months. Please contact the customer about renewing it and tell "
               f"them in writing.")})


def renewal_update(contract: Contract) -> Update:
    """renewal_due set (the renewal task: its list entry unless a renewal exists already),
    remind_on cleared (out of the reminder index), only while the contract is as read."""
    actions = [Contract.renewal_due.set(True), Contract.remind_on.remove(),
               Contract.gsi6pk.remove(), Contract.gsi6sk.remove()]
    if not contract.renewed_by:
        actions += [Contract.gsi7pk.set(keys.renewal_pk(contract.outlet)),
                    Contract.gsi7sk.set(f"{contract.ends_on}#{contract.id}")]
    condition = ((Contract.state == "active") & (Contract.remind_on == contract.remind_on)
                 & (Contract.ends_on == contract.ends_on))
    return Update(contract, actions, condition, on_version=False)


def _people(outlet: str) -> list:
    managers = [p for p in directory.staff_now(outlet, "manager") if p.active]
    office = [p for p in directory.head_office_staff() if p.active]
    seen: set[str] = set()
    return [p for p in [*managers, *office] if not (p.username in seen or seen.add(p.username))]


def _tell(contract: Contract, people: list, at: str) -> bool:
    from chalicelib.modules.contracts.usecases import CONTRACTS

    title, body = texts(contract)
    event = CONTRACTS.event(None, contract, EVENT, contract.state, {
        "ends_on": contract.ends_on, "remind_on": contract.remind_on,
        "free_period": bool(contract.free_period), "told": [p.username for p in people]}, at)
    return sla.tell_once(
        marker_key(contract), people, at=at, extra=[renewal_update(contract), event],
        level=LEVEL, notice=NOTICE, title=title, body=body, link=link(contract.id),
        subject_kind=SUBJECT, subject_id=contract.id, reference=contract.number)


def run(now: datetime | None = None) -> dict:
    """Tell every contract's expiry that has come, once. What fails is logged and retried by
    the next run; it never keeps the other contracts from being told."""
    now = now or kernel_keys.utc_now()
    at = kernel_keys.iso(now)
    found = [c for c in due(now.date() + timedelta(days=1))
             if c.remind_on and date.fromisoformat(c.remind_on)
             <= now.astimezone(directory.zone(c.outlet)).date()]
    told_before = sla.told_markers([marker_key(c) for c in found])
    people_of: dict[str, list] = {}
    told = failed = 0
    for contract in found:
        try:
            if marker_key(contract) in told_before:
                # told already (an edit saved from a form read before put the contract back in
                # the index): nobody is told again, the task is set again
                with contextlib.suppress(VersionConflict):
                    transact([renewal_update(contract)])
                continue
            if contract.outlet not in people_of:
                people_of[contract.outlet] = _people(contract.outlet)
            people = people_of[contract.outlet]
            if not people:
                logger.warning("contract expiring and nobody to tell",
                               extra={"contract": contract.id, "outlet": contract.outlet})
                continue
            if _tell(contract, people, at):
                told += 1
                count("ContractExpiryReminders")
        except Exception as error:  # noqa: BLE001 - the other contracts still get told
            failed += 1
            log_failure("contract expiry reminder failed", error, contract=contract.id)
    if failed:
        count("ContractExpiryReminderFailures")
    logger.info("contract expiry reminders", extra={"told": told, "failed": failed})
    return {"told": told, "failed": failed}


def handle(event: object = None, context: object | None = None) -> dict:
    """The scheduled entry (delivered at least once: a rerun tells nobody again)."""
    logger.set_correlation_id(getattr(context, "aws_request_id", None)
                              or kernel_keys.new_id("remindjob"))
    try:
        return run()
    finally:
        flush()
