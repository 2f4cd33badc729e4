"""Subject hooks: what the areas do when a subject's lifecycle action happens, and what they
add to the subject's views. Each rule is registered by the area that owns it (in its
`Area.setup`); the subject's owner (the orders area for a work order) runs them and knows none
of them.

An action runs in three phases, each over the hooks registered for the subject's kind and the
action (or for every action), in the order the areas were installed:

  check   may refuse the action: raise a ServiceError (the API answers with its envelope).
          Changes nothing.
  apply   after the owner changed its own fields and the state: changes what the hook's area
          owns on the subject (its SLA clocks) and may note what it did in `data` (the event's
          data). Returns the items to write, which must not depend on what the owner sets only
          when it writes (a new order's number): those belong in `record`.
  record  reads the subject as it will be saved (after every apply) and returns the items that
          follow from it (clock watches, key-figure facts, a report version and its event).
          The owner may run it again when it retries its write (a new order that lost its
          number to another create): it must not change the subject.

Each phase returns `Writes`: transaction entries `(item, condition)` and what to undo outside
DynamoDB if the transaction does not happen (an uploaded PDF). The owner writes the subject,
its event and every hook's items in one transaction, refused before it is tried when it would
exceed DynamoDB's limit (chalicelib/kernel/store/base.py: `MAX_TRANSACTION_ITEMS`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from chalicelib.kernel import registry
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.observability import log_failure
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.collection import Collection

Entry = tuple[object, object | None]  # (item, condition): one entry of a transaction


@dataclass
class Writes:
    """What hooks add to the subject's transaction, and how to take back what they did outside
    DynamoDB if that transaction does not happen."""

    items: list = field(default_factory=list)  # Entry, or a store.base.Update
    undo: list[Callable[[], None]] = field(default_factory=list)
    # what to do once the transaction is written (best effort: a tell-once notice that may be
    # told again by a later run; a failure is logged, the action stands)
    after: list[Callable[[], None]] = field(default_factory=list)

    def add(self, more: Writes | None) -> Writes:
        if more is not None:
            self.items += more.items
            self.undo += more.undo
            self.after += more.after
        return self


@dataclass
class ActionContext:
    """One action on one subject, as the hooks see it."""

    kind: str  # the subject's kind: "work_order"
    action: str  # "create" for a new subject
    actor: Actor
    subject: object  # check: as read; apply and record: with the owner's changes and new state
    data: dict  # the action's data as its event will record it; hooks may add what they did
    now: datetime
    collection: Collection  # the subject's item collection as read (empty for a new one)
    # a further timeline event of the subject: (action, data, at) -> transaction entry
    follow: Callable[[str, dict, datetime], Entry] | None = None
    scratch: dict = field(default_factory=dict)  # what a hook's apply leaves for its record

    @property
    def at(self) -> str:
        return keys.iso(self.now)


Phase = Callable[[ActionContext], Writes | None]


@dataclass(frozen=True)
class Hook:
    area: str
    kind: str
    actions: frozenset[str] | None  # None: every action
    check: Phase | None = None
    apply: Phase | None = None
    record: Phase | None = None
    offered: Callable[[object], bool] | None = None  # is the action offered on the subject now?
    # the same, when it depends on the subject's items (its quote): (subject, collection)
    offered_in: Callable[[object, Collection], bool] | None = None


@dataclass(frozen=True)
class ViewContribution:
    area: str
    kind: str
    summary: Callable[[object], dict] | None  # subject -> fields (lists, the detail too)
    detail: Callable[[Actor, object, Collection], dict] | None  # -> fields of the detail


_hooks: list[Hook] = []
_views: list[ViewContribution] = []


def on(kind: str, actions: Iterable[str] | None, *, area: str, check: Phase | None = None,
       apply: Phase | None = None, record: Phase | None = None,
       offered: Callable[[object], bool] | None = None,
       offered_in: Callable[[object, Collection], bool] | None = None) -> Hook:
    """Register an area's hook for some actions of a kind of subject (None: every action)."""
    hook = Hook(area, kind, None if actions is None else frozenset(actions), check, apply,
                record, offered, offered_in)
    _hooks.append(hook)
    return hook


def off(hook: Hook) -> None:
    """Unregister a hook (a test's own)."""
    _hooks.remove(hook)


def contribute(kind: str, *, area: str, summary: Callable[[object], dict] | None = None,
               detail: Callable[[Actor, object, Collection], dict] | None = None) -> None:
    """Register fields an area adds to a subject's views (e.g. its clocks, its attachments)."""
    _views.append(ViewContribution(area, kind, summary, detail))


def _installed() -> None:
    """Hooks are registered by the areas' setup, which runs when a hook is first asked for
    (after `import chalicelib.areas`, which `import app` does): an action run before the areas
    are installed would silently skip every other area, so it is refused."""
    registry.ready()


def hooks_for(kind: str, action: str) -> list[Hook]:
    _installed()
    return [h for h in _hooks if h.kind == kind and (h.actions is None or action in h.actions)]


def check(ctx: ActionContext) -> None:
    for hook in hooks_for(ctx.kind, ctx.action):
        if hook.check:
            hook.check(ctx)


def _run(ctx: ActionContext, phase: str) -> Writes:
    writes = Writes()
    try:
        for hook in hooks_for(ctx.kind, ctx.action):
            step = getattr(hook, phase)
            if step:
                writes.add(step(ctx))
    except BaseException:
        undo(writes)
        raise
    return writes


def apply(ctx: ActionContext) -> Writes:
    """The apply phase of every hook of the action (undoing its own side effects on failure)."""
    return _run(ctx, "apply")


def record(ctx: ActionContext) -> Writes:
    """The record phase of every hook of the action (undoing its own side effects on failure)."""
    return _run(ctx, "record")


def undo(writes: Writes) -> None:
    """The transaction did not happen: take back what the hooks did outside it (best effort)."""
    for step in reversed(writes.undo):
        try:
            step()
        except Exception as error:  # noqa: BLE001 - the others still run; see consistency.md
            log_failure("hook undo failed", error)


def after(writes: Writes) -> None:
    """Once the subject's transaction is written: what the hooks asked to do then."""
    for step in writes.after:
        try:
            step()
        except Exception as error:  # noqa: BLE001 - the action is written; said in the log
            log_failure("hook after-commit step failed", error)


def offered(kind: str, action: str, subject: object, collection: Collection | None = None) -> bool:
    """Whether every area agrees to offer the action on the subject now (the SPA's buttons);
    with the subject's collection, also the areas that decide by their items in it."""
    found = hooks_for(kind, action)
    return (all(h.offered(subject) for h in found if h.offered)
            and (collection is None
                 or all(h.offered_in(subject, collection) for h in found if h.offered_in)))


def summary_fields(kind: str, subject: object) -> dict:
    _installed()
    fields: dict = {}
    for view in _views:
        if view.kind == kind and view.summary:
            fields.update(view.summary(subject))
    return fields


def detail_fields(kind: str, actor: Actor, subject: object, collection: Collection) -> dict:
    _installed()
    fields: dict = {}
    for view in _views:
        if view.kind == kind and view.detail:
            fields.update(view.detail(actor, subject, collection))
    return fields
