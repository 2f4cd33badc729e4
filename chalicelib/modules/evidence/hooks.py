"""The evidence area's part of a work order's lifecycle, registered as the order's hooks: the
photos a completion needs, the customer's signature an acceptance needs, the service report
version that an acceptance or a correction issues in the action's own transaction (its PDF is
removed again if that transaction fails), and what the order's detail shows of its evidence."""

from __future__ import annotations

from datetime import timedelta

from chalicelib.kernel import hooks
from chalicelib.kernel.errors import EvidenceMissing, ValidationFailed
from chalicelib.kernel.http import reader_language
from chalicelib.kernel.labels import label
from chalicelib.modules.evidence import reports, store
from chalicelib.modules.evidence import usecases as evidence
from chalicelib.modules.evidence.domain import rules
from chalicelib.modules.evidence.models import Attachment, ServiceReport
from chalicelib.modules.orders import public as orders
from chalicelib.modules.parts import public as parts
from chalicelib.modules.warranty import public as warranty

AREA = "evidence"


def _photos_required(ctx: hooks.ActionContext) -> None:
    """The repair is complete only with the photos the outlet's policy requires."""
    policy = evidence.policy_for(ctx.subject.outlet)
    counts = rules.photo_counts(ctx.collection.of(Attachment))
    short = [r for r in rules.requirements(policy, counts) if r["have"] < r["min"]]
    if short:
        raise EvidenceMissing(fields={
            f"photos.{r['category']}": ("min_photos", {
                "category": _category(r["category"]), "min": r["min"],
                "have": r["have"]}) for r in short})


def _signature_required(ctx: hooks.ActionContext) -> None:
    """The signature an acceptance carries must be a verified one of this order, and one is
    needed where the policy asks for it (rules.signature_needed)."""
    wanted = ctx.data.get("signature_id")
    if wanted:
        found = next((a for a in ctx.collection.of(Attachment) if a.id == wanted), None)
        if (found is None or found.evidence_kind != "signature" or found.category != "signature"
                or found.status != "verified"):  # (a quote's signature is not an acceptance's)
            raise ValidationFailed(fields={"data.signature_id": ("not_signature", {})})
        return
    if rules.signature_needed(evidence.policy_for(ctx.subject.outlet), ctx.actor.role):
        raise ValidationFailed(fields={"data.signature_id": ("signature_required", {})})


def _issue(ctx: hooks.ActionContext, reason: str | None) -> hooks.Writes:
    """The next report version of the order as it will be saved: its PDF is put to S3 now, its
    item and a `report_issued` event (1 ms after the action, so it follows it on the timeline)
    go into the action's transaction."""
    report = reports.issue(ctx.actor, ctx.subject, ctx.collection.of(Attachment),
                           ctx.collection.of(ServiceReport), ctx.at, reason,
                           charges=warranty.quote_charges(ctx.collection),
                           part_prices=parts.order_part_prices(ctx.subject, ctx.collection),
                           parts=reports.parts_of(ctx.subject, ctx.collection))
    summary = reports.summary_of(report)
    ctx.data["report"] = summary
    issued = ctx.follow("report_issued", summary, ctx.now + timedelta(milliseconds=1))
    return hooks.Writes([store.report_write(report), issued],
                        undo=[lambda: reports.discard(report)])


def _issue_at_acceptance(ctx: hooks.ActionContext) -> hooks.Writes:
    return _issue(ctx, None)


def _issue_correction(ctx: hooks.ActionContext) -> hooks.Writes:
    return _issue(ctx, ctx.data.get("reason"))


def _detail(actor, order, items) -> dict:
    attachments = items.of(Attachment)
    issued = items.of(ServiceReport)
    title = reports.document_title(reports.parts_of(order, items)) if issued else None
    return {"attachments": evidence.views(attachments, order),
            "reports": reports.views(issued, order.number, reader_language(), title),
            "evidence": evidence.summary(actor, order, attachments)}


def register() -> None:
    hooks.on(orders.KIND, ["complete"], area=AREA, check=_photos_required)
    hooks.on(orders.KIND, ["accept"], area=AREA, check=_signature_required,
             record=_issue_at_acceptance)
    hooks.on(orders.KIND, ["correct_report"], area=AREA, record=_issue_correction)
    hooks.contribute(orders.KIND, area=AREA, detail=_detail)


def _category(category: str) -> dict[str, str]:
    """A photo category as a message names it mid-sentence ("1 after work photo")."""
    english = label("category", category, "en")
    return {"zh": label("category", category), "en": english[:1].lower() + english[1:]}
