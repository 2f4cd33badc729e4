"""Head office's catalogue of parts (备品配件目录): the list by code, the search as the keeper
types (code prefix, name prefix, pinyin initials: three index queries, merged), a new part and
a change at the version seen, each with its audit entry in the same transaction.

    PART#<code> / PART          gsi1 PARTS / <code>
                                gsi2 PARTS#NAME / <name key>#<code>
                                gsi3 PARTS#PY / <pinyin initials>#<code> (a name with Chinese)
    PART#<code> / EV#<at>#<id>  the audit trail (create / update, before and after)
"""

from __future__ import annotations

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel import registry
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.observability import count
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import cancelled_at, connection, one_page, refused
from chalicelib.kernel.store.models import Item
from chalicelib.modules.directory import public as directory
from chalicelib.modules.parts import keys as part_keys
from chalicelib.modules.parts import ledger
from chalicelib.modules.parts.domain import catalogue as rules
from chalicelib.modules.parts.errors import DuplicatePart
from chalicelib.modules.parts.keys import PARTS_BY_INITIALS as BY_INITIALS
from chalicelib.modules.parts.keys import PARTS_BY_NAME as BY_NAME
from chalicelib.modules.parts.keys import PARTS_LIST as LIST
from chalicelib.modules.parts.models import Part, PartEvent

AUDITED = ("name", "spec", "material", "unit", "list_price_fen", "cost_fen", "expensive",
           "supplier", "models", "groups", "service_category", "active")


# ---------------------------------------------------------------- views and keys

def sees_cost(actor: Actor | None) -> bool:
    """Whether the reader sees the parts' internal cost (parts.costs.read; a job: yes). The
    customer's price is everyone's who reads the part or the order."""
    return actor is None or registry.permitted(actor.role, "parts.costs.read")


def part_json(part: Part, cost: bool = True) -> dict:
    return {"code": part.code, "name": part.name, "spec": part.spec, "material": part.material,
            "unit": part.unit, "list_price_fen": int(part.list_price_fen),
            "cost_fen": int(part.cost_fen) if cost else None, "expensive": bool(part.expensive),
            "supplier": part.supplier, "models": list(part.models or []),
            "groups": list(part.groups or []), "service_category": part.service_category,
            "initials": part.initials, "active": bool(part.active),
            "version": int(part.version or 0), "created_at": part.created_at,
            "updated_at": part.updated_at}


def index_part(part: Part) -> None:
    """The part's keys: its own, the list by code, by name, by pinyin initials (none when its
    name has no Chinese)."""
    part.pk, part.sk = part_keys.part_pk(part.code), "PART"
    part.gsi1pk, part.gsi1sk = LIST, part.code
    part.gsi2pk, part.gsi2sk = BY_NAME, f"{rules.name_key(part.name)}#{part.code}"
    part.initials = rules.initials(part.name) or None
    if part.initials:
        part.gsi3pk, part.gsi3sk = BY_INITIALS, f"{part.initials}#{part.code}"
    else:
        part.gsi3pk = part.gsi3sk = None


def _audited(part: Part) -> dict:
    return {name: (list(getattr(part, name) or []) if name in ("models", "groups")
                   else getattr(part, name)) for name in AUDITED}


def audit_event(actor: Actor, code: str, action: str, data: dict, at: str) -> PartEvent:
    event = PartEvent(id=keys.new_id("pev"), code=code, at=at, action=action,
                      actor_username=actor.username, actor_name=directory.actor_name(actor),
                      data=data)
    event.pk, event.sk = part_keys.part_pk(code), f"EV#{at}#{event.id}"
    return event


def code_in_path(text: str) -> str:
    """A part code from a path: as stored, or 404 (no such part can exist)."""
    code = rules.normal_code(text)
    if code is None:
        raise NotFound()
    return code


# ---------------------------------------------------------------- reads

def get_part(actor: Actor, code: str) -> dict:
    """GET /api/parts/{code}."""
    part = ledger.get_part(code_in_path(code))
    if part is None:
        raise NotFound()
    return part_json(part, sees_cost(actor))


def _query(index, partition: str, prefix: str, limit: int) -> list[Part]:
    """One page (one request) of an index's partition whose sort key begins with `prefix`."""
    sort_key = getattr(type(index), f"{index.Meta.index_name}sk")
    return one_page(index.query(partition, sort_key.startswith(prefix), limit=limit,
                                page_size=limit), Part).items


def search(text: str, limit: int) -> list[Part]:
    """Up to `limit` parts whose code, name or pinyin initials begin with `text` (one query of
    each index that the text can match), codes first, then names, then initials; no repeats."""
    found: dict[str, Part] = {}
    asks = []
    code = rules.code_prefix(text)
    if code:
        asks.append((Item.gsi1, LIST, code))
    name = rules.name_key(text)
    if name:
        asks.append((Item.gsi2, BY_NAME, name))
    initials = rules.initials_prefix(text)
    if initials:
        asks.append((Item.gsi3, BY_INITIALS, initials))
    for index, partition, prefix in asks:
        for part in _query(index, partition, prefix, limit):
            found.setdefault(part.code, part)
        if len(found) >= limit:
            break
    return list(found.values())[:limit]


def list_parts(actor: Actor, params: dict) -> dict:
    """GET /api/parts: with `q`, the search (no cursor); without, the catalogue by code."""
    limit = limit_of(params)
    text = (params.get("q") or "").strip()
    cost = sees_cost(actor)
    if text:
        if params.get("cursor"):
            raise ValidationFailed(fields={"cursor": ("invalid", {})})
        return {"items": [part_json(p, cost) for p in search(text, limit)], "next_cursor": None}
    return read_page("parts", actor, params, lambda start: one_page(
        Item.gsi1.query(LIST, limit=limit, page_size=limit, last_evaluated_key=start), Part),
        lambda part: part_json(part, cost))


# ---------------------------------------------------------------- changes

def _fields(body: dict) -> dict:
    fields = rules.clean(body)
    problems = rules.problems(fields)
    if problems:
        raise ValidationFailed(fields=problems)
    return fields


def create(actor: Actor, body: dict) -> dict:
    """POST /api/parts (head office): a new part; 409 duplicate_part when the code is taken."""
    code = rules.normal_code(body["code"])
    if code is None:
        raise ValidationFailed(fields={"code": ("pattern", {})})
    fields = _fields(body)
    now = keys.iso(keys.utc_now())
    part = Part(code=code, created_at=now, updated_at=now,
                **{"expensive": False, "active": True, "models": [], "groups": [], **fields})
    index_part(part)
    event = audit_event(actor, code, "create", {"before": None, "after": _audited(part)}, now)
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(part, condition=Part.pk.does_not_exist())
            tx.save(event, condition=Item.pk.does_not_exist())
    except TransactWriteError as error:
        if cancelled_at(error, 0):
            raise DuplicatePart(fields={"code": ("duplicate", {})}) from None
        raise
    count("PartsCreated")
    return part_json(part)


def update(actor: Actor, code: str, body: dict) -> dict:
    """PUT /api/parts/{code} (head office): the part's fields at the version the editor saw
    (409 stale_version otherwise), audited with what changed."""
    code = code_in_path(code)
    if "code" in body and rules.normal_code(body["code"]) != code:
        raise ValidationFailed(fields={"code": ("code_mismatch", {})})
    fields = _fields(body)
    part = ledger.get_part(code)
    if part is None:
        raise NotFound()
    seen = int(body["version"])
    if int(part.version or 0) != seen:
        raise StaleVersion()
    before = _audited(part)
    for name, value in fields.items():
        setattr(part, name, value)
    after = _audited(part)
    changed = {k for k in AUDITED if before[k] != after[k]}
    if not changed:
        return part_json(part)
    now = keys.iso(keys.utc_now())
    part.updated_at = now
    index_part(part)
    event = audit_event(actor, code, "update", {
        "before": {k: before[k] for k in sorted(changed)},
        "after": {k: after[k] for k in sorted(changed)}}, now)
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(part)  # condition: version == seen (PynamoDB's version attribute)
            tx.save(event, condition=Item.pk.does_not_exist())
    except TransactWriteError as error:
        if refused(error):
            raise StaleVersion() from None
        raise
    count("PartsUpdated")
    return part_json(part)
