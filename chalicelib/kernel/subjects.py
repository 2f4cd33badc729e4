"""A subject an area keeps in its own item collection (a complaint, a consultation): the
subject's item under `partition(id)` with its timeline events and whatever other areas put
there (the SLA engine's clock watches), read in one query.

`Subjects(...)`, declared once by the owning area's use cases, answers:
- `read(id)`: the subject and its collection (None when there is none);
- `readable(actor, id)`: the same for a reader the area's `may_read(actor, subject)` lets in,
  else 404 (`NotFound`), so a refusal never reveals that the subject exists; `visible(actor,
  id)` is the same test as the area's path locator (`Area(locators=…)`);
- for a subject whose partition grows with its history (declared with its `sort_key`):
  `item(id)` / `readable_item(actor, id)`, the subject alone by GetItem, and
  `newest_events(id, limit)`, its newest events by their key prefix — reads that do not grow;
- `event(...)`: a timeline event as a transaction entry (written only if absent),
  `timeline_entry(...)`: the one the SLA engine writes (a breach acknowledged; the area's
  `SubjectKind(timeline=…)`), and `events(collection)`: the timeline as the API answers it,
  oldest first.

The events are `TimelineEvent`s: the attributes every event of such a timeline has (who did
what, when, from which state to which, with what the step recorded), in the subject's
partition at EVENT#<at>#<event id>. The area's own event model adds its discriminator and the
subject's id (`class ComplaintEvent(TimelineEvent, discriminator="complaint_event")` with
`complaint_id`); the base has no discriminator, so no item is ever read as one (the kernel owns
it: tests/unit/test_areas.py). A step nobody took (a job, a hook) is the system's:
`kernel.actor.SYSTEM_USERNAME`, named `SYSTEM_NAME` on the trail. (The work order's timeline,
orders' OrderEvent, is older and keeps its own.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from pynamodb.attributes import UnicodeAttribute

from chalicelib.kernel.actor import SYSTEM_NAME, SYSTEM_USERNAME, Actor
from chalicelib.kernel.errors import NotFound
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.collection import Collection
from chalicelib.kernel.store.models import Item

S = TypeVar("S", bound=Item)


class TimelineEvent(Item):
    """An immutable timeline entry of a subject: <subject's pk> / EVENT#<at>#<event id>."""

    id = UnicodeAttribute()
    at = UnicodeAttribute()
    action = UnicodeAttribute()
    actor_username = UnicodeAttribute()
    actor_name = UnicodeAttribute(null=True)
    actor_role = UnicodeAttribute(null=True)
    from_state = UnicodeAttribute(null=True)
    to_state = UnicodeAttribute()
    data = Utf8JSONAttribute(default=dict)


def event_view(event: TimelineEvent) -> dict:
    """An event as the API answers it (the areas' <Subject>Event components)."""
    return {"id": event.id, "at": event.at, "action": event.action,
            "actor": event.actor_username, "actor_name": event.actor_name,
            "from_state": event.from_state, "to_state": event.to_state, "data": event.data or {}}


@dataclass(frozen=True)
class Subjects(Generic[S]):
    """One area's subjects of a kind (see the module's docstring). `subject_field` names the
    event's attribute holding the subject's id; `event_prefix` begins its events' ids;
    `actor_name(actor)` is the name the trail keeps (the directory's); `sort_key`, the subject
    item's own sort key, lets `item` / `readable_item` read it alone by key."""

    model: type[S]
    partition: Callable[[str], str]
    may_read: Callable[[Actor, S], bool]
    event_model: type[TimelineEvent]
    event_prefix: str
    subject_field: str
    actor_name: Callable[[Actor], str]
    sort_key: str | None = None

    def read(self, subject_id: str) -> tuple[S, Collection] | None:
        """The subject with its events and clock watches: one query of its collection."""
        found = Collection(Item.query(self.partition(subject_id), consistent_read=True))
        subject = found.one(self.model)
        return (subject, found) if subject is not None else None

    def readable(self, actor: Actor, subject_id: str) -> tuple[S, Collection]:
        """As `read`, for a reader who may see it; anyone else (or none there): 404."""
        found = self.read(subject_id)
        if found is None or not self.may_read(actor, found[0]):
            raise NotFound()
        return found

    def item(self, subject_id: str) -> S | None:
        """The subject item alone (a consistent GetItem by `sort_key`), not its collection: for
        a subject whose partition grows with its history."""
        try:
            return self.model.get(self.partition(subject_id), self.sort_key,
                                  consistent_read=True)
        except self.model.DoesNotExist:
            return None

    def states(self, subject_ids: list[str]) -> dict[str, str]:
        """Each subject's state now, by id (one consistent BatchGetItem by `sort_key`); an id
        with no subject is left out."""
        wanted = list(dict.fromkeys(subject_ids))
        if not wanted or self.sort_key is None:
            return {}
        found = self.model.batch_get([(self.partition(i), self.sort_key) for i in wanted],
                                     consistent_read=True,
                                     attributes_to_get=["kind", "id", "state"])
        return {s.id: s.state for s in found}

    def readable_item(self, actor: Actor, subject_id: str) -> S:
        """As `item`, for a reader who may see it; anyone else (or none there): 404."""
        subject = self.item(subject_id)
        if subject is None or not self.may_read(actor, subject):
            raise NotFound()
        return subject

    def visible(self, actor: Actor, subject_id: str) -> bool:
        """The locator of the subject's id: 404 rather than 403 for one the caller may not
        see."""
        found = self.read(subject_id)
        return found is not None and self.may_read(actor, found[0])

    def event(self, actor: Actor | None, subject: S, action: str, from_state: str | None,
              data: dict, at: str) -> tuple[TimelineEvent, object]:
        """The subject's event of an action (to its state now) as a transaction entry, written
        only if absent; `actor` None: the system's."""
        event = self.event_model(
            id=keys.new_id(self.event_prefix), at=at, action=action,
            actor_username=actor.username if actor else SYSTEM_USERNAME,
            actor_name=self.actor_name(actor) if actor else SYSTEM_NAME,
            actor_role=actor.role if actor else None, from_state=from_state,
            to_state=subject.state, data=data, **{self.subject_field: subject.id})
        event.pk, event.sk = self.partition(subject.id), f"EVENT#{event.at}#{event.id}"
        return event, self.event_model.pk.does_not_exist()

    def timeline_entry(self, actor: Actor | None, subject_id: str, action: str, data: dict,
                       at: str) -> tuple[TimelineEvent, object] | None:
        """What another area did to the subject (the SLA engine: a breach acknowledged), as an
        event of its timeline (its state unchanged); None when there is no such subject."""
        found = self.read(subject_id)
        if found is None:
            return None
        subject = found[0]
        return self.event(actor, subject, action, subject.state, data, at)

    def after(self, subject: S, collection: Collection, entries: list) -> Collection:
        """The subject's item collection as a write left it: the items the write put in the
        subject's partition take their place in what was read (its answer needs no second
        read; PynamoDB has moved the subject's version on)."""
        pk = self.partition(subject.id)
        collection.add(*(item for item, _condition in entries if getattr(item, "pk", None) == pk))
        return collection

    def newest_events(self, subject_id: str, limit: int) -> tuple[list[TimelineEvent], bool]:
        """The subject's newest `limit` events, newest first, and whether there are older ones:
        one consistent query of its EVENT# keys, newest first, of limit + 1 items (a page's
        timeline whose read does not grow with the subject's history)."""
        found = [e for e in Item.query(self.partition(subject_id), Item.sk.startswith("EVENT#"),
                                       scan_index_forward=False, limit=limit + 1,
                                       page_size=limit + 1, consistent_read=True)
                 if isinstance(e, self.event_model)]
        return found[:limit], len(found) > limit

    def events(self, collection: Collection) -> list[dict]:
        """The subject's timeline as the API answers it, oldest first."""
        found = sorted(collection.of(self.event_model), key=lambda e: (e.at, e.id))
        return [event_view(e) for e in found]
