"""Head office's warranty term templates (三包条款) and price lists (维修项目与收费标准表), the
network's default and one per product model: read by everyone, written by head office, each
write checked against the version the editor saw and kept on the templates' audit trail. A
template change never touches a registered unit: units keep the copy they were registered with.
"""

from __future__ import annotations

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.observability import count
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.errors import AlreadyExists, VersionConflict
from chalicelib.kernel.validation import MAX_SHORT, bad_text
from chalicelib.modules.directory import public as directory
from chalicelib.modules.warranty import store
from chalicelib.modules.warranty.domain import terms as rules
from chalicelib.modules.warranty.errors import TemplateExists
from chalicelib.modules.warranty.models import TemplateEvent, WarrantyTemplate

CONTENT = ("start_basis", "groups", "exclusions", "prices")


def template_view(item: WarrantyTemplate | None, model: str | None = None) -> dict:
    """A saved template, or (item None) the built-in default as it applies until head office
    saves the network's own."""
    if item is None:
        return {**rules.default_template(), "model": model, "updated_at": None,
                "updated_by": None, "updated_by_name": None, "version": None}
    return {"model": item.model, "start_basis": item.start_basis, "groups": item.groups,
            "exclusions": item.exclusions, "prices": item.prices, "updated_at": item.updated_at,
            "updated_by": item.updated_by, "updated_by_name": directory.display_name(item.updated_by),
            "version": int(item.version)}


def _content(item: WarrantyTemplate | None) -> dict | None:
    return {name: getattr(item, name) for name in CONTENT} if item is not None else None


def list_templates(actor: Actor) -> dict:
    """The network's default and every model's template (one query)."""
    default, models = store.all_templates()
    return {"default": template_view(default),
            "models": [template_view(m) for m in sorted(models, key=lambda m: m.model or "")]}


def _model_name(model: str | None) -> str | None:
    if model is None:
        return None
    name = model.strip()
    if not name or len(name) > MAX_SHORT:
        raise ValidationFailed(fields={"model": ("range", {"min": 1, "max": MAX_SHORT})})
    if bad_text(name, multiline=False):
        raise ValidationFailed(fields={"model": ("text", {})})
    return name


def _checked(body: dict) -> dict:
    """The template of a PUT body valid by TEMPLATE_BODY, its groups checked as a whole (one
    whole-machine group, codes and components not repeated): 400 naming the field."""
    try:
        rules.check_groups(body["groups"])
    except rules.TermsProblem as problem:
        raise ValidationFailed(fields={problem.field: (problem.code, {})}) from None
    return {name: body[name] for name in CONTENT}


def _event(actor: Actor, action: str, model: str | None, before: dict | None,
           after: dict | None, at: str) -> TemplateEvent:
    return TemplateEvent(id=keys.new_id("tev"), at=at, action=action, model=model,
                         actor_username=actor.username, actor_name=directory.actor_name(actor),
                         actor_role=actor.role, before=before, after=after)


def save(actor: Actor, model: str | None, body: dict) -> dict:
    """PUT the default (model None) or a model's template (TEMPLATE_BODY): `version` null
    creates it (409 template_exists when there is one), else replaces the version seen (409
    stale_version when it changed meanwhile)."""
    model = _model_name(model)
    content = _checked(body)
    seen = body.get("version")
    current = store.get_template(model)
    if seen is None and current is not None:
        raise TemplateExists()
    if seen is not None and (current is None or int(current.version) != int(seen)):
        raise StaleVersion()
    at = keys.iso(keys.utc_now())
    template = WarrantyTemplate(model=model, updated_at=at, updated_by=actor.username, **content)
    event = _event(actor, "save", model, _content(current), content, at)
    try:
        store.save_template(template, int(seen) if seen is not None else None, event)
    except AlreadyExists:
        raise TemplateExists() from None
    except VersionConflict:
        raise StaleVersion() from None
    count("WarrantyTemplatesSaved")
    return template_view(template)


def delete(actor: Actor, model: str, params: dict) -> None:
    """DELETE a model's template at the version seen (`?version=N`): its units keep their
    terms; new units of the model get the network's default."""
    model = _model_name(model)
    try:
        seen = int(params.get("version") or "")
    except ValueError:
        raise ValidationFailed(fields={"version": ("required", {})}) from None
    current = store.get_template(model)
    if current is None:
        raise NotFound()
    if int(current.version) != seen:
        raise StaleVersion()
    event = _event(actor, "delete", model, _content(current), None, keys.iso(keys.utc_now()))
    try:
        store.delete_template(current, seen, event)
    except VersionConflict:
        raise StaleVersion() from None
    count("WarrantyTemplatesDeleted")
