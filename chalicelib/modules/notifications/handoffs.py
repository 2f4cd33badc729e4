"""Hand-off notices of a work order (交接通知), registered as the work order's action hooks:
who is told is domain/handoffs.py; here they are composed (zh and en), addressed (the outlet's
staff as stored now, active, never the one who acted) and returned as inbox items and e-mails
for the order's own transaction.

Exactly once: the notices are written in the transaction of the action itself, which DynamoDB
commits only while the order is at the version the actor saw. A retried, replayed or stale
action is refused (409) and writes nothing; an action that happened wrote its notices.
"""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.kernel import hooks
from chalicelib.kernel.labels import label, local_time
from chalicelib.kernel.observability import logger
from chalicelib.modules.directory import public as directory
from chalicelib.modules.notifications import usecases
from chalicelib.modules.notifications.domain import handoffs as rules
from chalicelib.modules.orders import public as orders
from chalicelib.modules.sla import public as sla

AREA = "notifications"
CREW = "notifications.crew"  # ctx.scratch: the order's crew as read (before a reassignment)
# One action's notices share the order's transaction (at most 100 items): an inbox item and an
# e-mail per person, for at most this many people (one outlet's managers, agents or crew).
MAX_PEOPLE = 30
SHORT = 120  # free text (a fault, a reason, a comment) is quoted up to this many characters


def _crew(order) -> rules.Crew:
    return rules.Crew(order.technician, tuple(order.helpers or ()))


def _remember_crew(ctx: hooks.ActionContext) -> None:
    ctx.scratch[CREW] = _crew(ctx.subject)


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def _due(order, clock: str) -> str:
    """A running clock's due time on the outlet's wall clock ("" when it does not run)."""
    found = (order.clocks or {}).get(clock) or {}
    if not found.get("due_at") or found.get("state") == "stopped":
        return ""
    return local_time(found["due_at"], directory.zone(order.outlet))


@dataclass(frozen=True)
class Facts:
    """What a notice's text names: the order, who acted, and what the action recorded."""

    number: str
    customer: str
    fault: str
    who: str
    lead: str
    action: str
    data: dict
    contact_due: str
    visit_due: str
    threshold: int | None  # the low-score threshold (a return visit's notice only)

    def said(self, name: str) -> str:
        return _short(self.data.get(name))


def _assigned(f: Facts, zh: bool) -> str:
    reassigned = f.action == "reassign"
    if f.action == "approve_plan":  # the repair handed over with the plan's approval
        if zh:
            return (f"工单 {f.number}（客户：{f.customer}）的维修方案已批准，改由你主修。"
                    f"故障：{f.fault}。")
        return (f"The repair plan of order {f.number} (customer: {f.customer}) is approved and "
                f"the repair is now yours. Fault: {f.fault}.")
    if zh:
        then = f"请于 {f.contact_due} 前联系客户。" if f.contact_due else "请尽快联系客户。"
        return (f"工单 {f.number}（客户：{f.customer}）已{'改派' if reassigned else '派'}给你。"
                f"故障：{f.fault}。{then}")
    then = f"Contact the customer by {f.contact_due}." if f.contact_due else "Contact the customer soon."
    return (f"Order {f.number} (customer: {f.customer}) has been "
            f"{'reassigned' if reassigned else 'dispatched'} to you. Fault: {f.fault}. {then}")


def _helper_added(f: Facts, zh: bool) -> str:
    if zh:
        return f"你已被安排协助工单 {f.number}（客户：{f.customer}），主修工程师：{f.lead}。故障：{f.fault}。"
    return (f"You were added as a helper on order {f.number} (customer: {f.customer}); "
            f"lead technician: {f.lead}. Fault: {f.fault}.")


def _unassigned(f: Facts, zh: bool) -> str:
    if f.action == "approve_plan":  # handed over with the plan's approval
        said = f.said("comment")
        if zh:
            return (f"{f.who}批准了工单 {f.number}（客户：{f.customer}）的维修方案，改由 {f.lead} 主修"
                    f"{'：' + said if said else ''}。你无需再处理此工单。")
        return (f"{f.who} approved the repair plan of order {f.number} (customer: {f.customer}) "
                f"and handed the repair to {f.lead}{': ' + said if said else ''}. You no longer "
                "need to act on it.")
    if zh:
        return (f"{f.who}已将工单 {f.number}（客户：{f.customer}）改派给 {f.lead}：{f.said('reason')}。"
                "你无需再处理此工单。")
    return (f"{f.who} reassigned order {f.number} (customer: {f.customer}) to {f.lead}: "
            f"{f.said('reason')}. You no longer need to act on it.")


def _plan_submitted(f: Facts, zh: bool) -> str:
    revised, hours = f.action == "revise_plan", f.data.get("estimated_hours") or 0
    if zh:
        return (f"{f.who}提交了工单 {f.number}（客户：{f.customer}）的{'修改后' if revised else ''}"
                f"维修方案，等待你审批：{f.said('measures')}（预计 {hours:g} 小时）。")
    return (f"{f.who} submitted {'a revised' if revised else 'the'} repair plan of order {f.number} "
            f"(customer: {f.customer}) for your approval: {f.said('measures')} ({hours:g} h estimated).")


def _plan_approved(f: Facts, zh: bool) -> str:
    comment = f.said("comment")
    if zh:
        return (f"{f.who}批准了工单 {f.number}（客户：{f.customer}）的维修方案"
                f"{'：' + comment if comment else ''}。请开始维修。")
    return (f"{f.who} approved the repair plan of order {f.number} (customer: {f.customer})"
            f"{': ' + comment if comment else ''}. Start the repair.")


def _plan_rejected(f: Facts, zh: bool) -> str:
    if zh:
        return (f"{f.who}驳回了工单 {f.number}（客户：{f.customer}）的维修方案：{f.said('comment')}。"
                "请修改后重新提交。")
    return (f"{f.who} rejected the repair plan of order {f.number} (customer: {f.customer}): "
            f"{f.said('comment')}. Revise it and submit it again.")


def _objected(f: Facts, zh: bool) -> str:
    if zh:
        return (f"客户对工单 {f.number}（客户：{f.customer}）的维修提出异议：{f.said('reason')}。"
                f"工单已转入整改（记录人：{f.who}）。")
    return (f"The customer objected to the repair of order {f.number} (customer: {f.customer}): "
            f"{f.said('reason')}. The order is back in rework (recorded by {f.who}).")


def _on_hold(f: Facts, zh: bool) -> str:
    if zh:
        return (f"{f.who}挂起了工单 {f.number}（客户：{f.customer}）：{f.said('reason')}。"
                "挂起期间时限暂停计时。")
    return (f"{f.who} put order {f.number} (customer: {f.customer}) on hold: {f.said('reason')}. "
            "Its deadlines are paused meanwhile.")


def _return_visit_due(f: Facts, zh: bool) -> str:
    if zh:
        then = f"请于 {f.visit_due} 前完成回访。" if f.visit_due else "请尽快安排回访。"
        return f"工单 {f.number}（客户：{f.customer}）已由客户验收。{then}"
    then = f"Make the return visit by {f.visit_due}." if f.visit_due else "Make the return visit soon."
    return f"Order {f.number} (customer: {f.customer}) was accepted by the customer. {then}"


def _low_score(f: Facts, zh: bool) -> str:
    low = rules.low_scores(f.data.get("scores"), f.threshold)
    if zh:
        named = "、".join(f"{label('visit_score', k, 'zh')} {v} 分" for k, v in low.items())
        return (f"工单 {f.number}（客户：{f.customer}）的回访评分偏低：{named}"
                f"（{f.threshold} 分及以下为低分，回访人：{f.who}）。请跟进。")
    named = ", ".join(f"{label('visit_score', k, 'en')} {v}" for k, v in low.items())
    return (f"The return visit of order {f.number} (customer: {f.customer}) scored low: {named} "
            f"(a score of {f.threshold} or less is low; visited by {f.who}). Please follow up.")


def _cancelled(f: Facts, zh: bool) -> str:
    if zh:
        return (f"{f.who}取消了工单 {f.number}（客户：{f.customer}）：{f.said('reason')}。"
                "你无需再处理此工单。")
    return (f"{f.who} cancelled order {f.number} (customer: {f.customer}): {f.said('reason')}. "
            "You no longer need to act on it.")


TEXTS = {"assigned": _assigned, "reassigned": _assigned, "helper_added": _helper_added,
         "unassigned": _unassigned,
         "plan_submitted": _plan_submitted, "plan_approved": _plan_approved,
         "plan_rejected": _plan_rejected, "objected": _objected, "on_hold": _on_hold,
         "return_visit_due": _return_visit_due, "low_score": _low_score,
         "cancelled": _cancelled}


def compose(notice: str, ctx: hooks.ActionContext, threshold: int | None) -> tuple[dict, dict]:
    """Title and body of a notice in zh and en (no address: the inbox opens the order by its
    link, a mail adds the portal's address)."""
    order = ctx.subject
    facts = Facts(number=order.number, customer=_short(order.customer_name)[:40],
                  fault=_short(order.description), who=directory.actor_name(ctx.actor),
                  lead=order.technician_name or order.technician or "", action=ctx.action,
                  data=ctx.data, contact_due=_due(order, "contact"),
                  visit_due=_due(order, "return_visit"), threshold=threshold)
    title, body = {}, {}
    for lang in usecases.LANGUAGES:
        title[lang] = usecases.tagged(label("notice", notice, lang),
                                      f"{facts.number} {facts.customer}", lang)
        body[lang] = TEXTS[notice](facts, lang == "zh")
    return title, body


def _people(handoff: rules.Handoff, outlet: str) -> list:
    found = {}
    for username in handoff.people:
        person = directory.staff(username)
        if person is not None:
            found[person.username] = person
    for role in handoff.roles:
        for person in directory.staff_now(outlet, role):
            found.setdefault(person.username, person)
    return [p for p in found.values() if p.active]


def _record(ctx: hooks.ActionContext) -> hooks.Writes:
    """The inbox items and e-mails of the action's hand-offs, for its transaction."""
    order = ctx.subject
    # the policy's low-score threshold, which only a return visit's notice needs
    threshold = sla.low_score_threshold_for(order.outlet) if ctx.action == "return_visit" else None
    before = ctx.scratch.get(CREW) or _crew(order)
    writes, told = hooks.Writes(), 0
    for handoff in rules.handoffs(ctx.action, before, _crew(order),
                                  scores=ctx.data.get("scores"), threshold=threshold):
        people = [p for p in _people(handoff, order.outlet) if p.username != ctx.actor.username]
        if not people:
            continue
        if told + len(people) > MAX_PEOPLE:
            logger.warning("notice recipients capped", extra={"order": order.number,
                                                              "notice": handoff.notice})
            people = people[: max(0, MAX_PEOPLE - told)]
        told += len(people)
        title, body = compose(handoff.notice, ctx, threshold)
        writes.items += usecases.tell_entries(
            sorted(people, key=lambda p: p.username), at=ctx.at, level=rules.HANDOFF,
            notice=handoff.notice, title=title, body=body, link=orders.link(order.id),
            subject_kind=orders.KIND, subject_id=order.id, reference=order.number)
    return writes


def register() -> None:
    hooks.on(orders.KIND, ["dispatch", "reassign", "approve_plan"], area=AREA,
             check=_remember_crew)
    hooks.on(orders.KIND, rules.ACTIONS, area=AREA, record=_record)
