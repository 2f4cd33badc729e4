"""Messages about deadlines and hand-offs: who receives them, what they say (in Chinese and
English), the in-app inbox and e-mail through SES.

A deadline message is about a clock of a subject of any kind (a work order, a complaint…): the
SLA sweep describes it as a `Deadline`. Hand-off notices (handoffs.py) are written by the work
order's own transaction. In-app messages keep both languages and are shown in the reader's; they
link to the subject by its SPA path (relative: it works on any host and port). An e-mail goes
only to who wants e-mail (their directory preference), in their language, with the portal's
absolute address of the subject (mail cannot follow a relative link).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import boto3

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.config import settings
from chalicelib.kernel.errors import NotFound
from chalicelib.kernel.labels import label
from chalicelib.kernel.observability import count, log_failure, logger, mask_email
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import keys
from chalicelib.modules.directory import public as directory
from chalicelib.modules.notifications import store
from chalicelib.modules.notifications.models import MailOutbox, Notification
from chalicelib.modules.orders import public as orders

LANGUAGES = ("zh", "en")  # every in-app message keeps both; the reader's is shown

# Inbox items written before messages named their subject's kind and link were all about
# work orders.
LEGACY_KIND = orders.KIND
legacy_link = orders.link


@dataclass(frozen=True)
class Deadline:
    """One clock of one subject, as a message names it (the SLA sweep describes it)."""

    kind: str  # the subject's kind: work_order, complaint…
    subject_id: str
    link: str  # the SPA's path of the subject
    noun: Mapping[str, str]  # what the subject is called: {"zh": "工单", "en": "order"}
    reference: str  # the subject's number
    title: str  # whom it is for: the customer
    outlet: str
    assignee: str | None  # told at "assignee" levels; with none, the outlet's managers are
    clock: str
    due_at: str


_ses = None


def _mailer():
    global _ses
    if _ses is None:
        cfg = settings()
        _ses = boto3.client("ses", **{**cfg.aws_kwargs, "region_name": cfg.ses_region})
    return _ses


def duration_text(seconds: float, lang: str) -> str:
    minutes = int(abs(seconds) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if lang == "zh":
        parts = [f"{days}天" if days else "", f"{hours}小时" if hours else "", f"{mins}分钟"]
        return "".join(p for p in parts if p) if minutes else "不到 1 分钟"
    parts = [f"{days}d" if days else "", f"{hours}h" if hours else "", f"{mins}m"]
    return " ".join(p for p in parts if p) if minutes else "under a minute"


def tagged(tag: str, text: str, lang: str) -> str:
    """A title: its tag in brackets, then what it is about."""
    return f"【{tag}】{text}" if lang == "zh" else f"[{tag}] {text}"


def notice_texts(notice: str, about: str | dict[str, str],
                 body: dict[str, str]) -> tuple[dict, dict]:
    """A notice's title and body in every language: the title is the notice's name (the
    vocabulary group `notice`) in brackets, then what it is about (one text, or one per
    language); the body is the caller's, per language."""
    title = {lang: tagged(label("notice", notice, lang),
                          about[lang] if isinstance(about, dict) else about, lang)
             for lang in LANGUAGES}
    return title, {lang: body[lang] for lang in LANGUAGES}


def compose(deadline: Deadline, level: str, now: datetime) -> tuple[dict, dict]:
    """Title and body in zh and en, naming the subject, customer, clock and time left or late
    (the due time on the outlet's wall clock). No address: the inbox opens the subject by its
    link, a mail adds the portal's address (`mail_for`)."""
    due = keys.parse_iso(deadline.due_at)
    left = (due - now).total_seconds()
    due_local = due.astimezone(directory.zone(deadline.outlet)).strftime("%Y-%m-%d %H:%M")
    number = deadline.reference
    title, body = {}, {}
    for lang in LANGUAGES:
        clock = label("clock", deadline.clock, lang)  # the SLA area's name of the clock
        noun = deadline.noun.get(lang) or deadline.noun["zh"]
        tag = label("notice_level", level, lang)
        span = duration_text(left, lang)
        title[lang] = tagged(tag, f"{number} {clock}", lang)
        if lang == "zh":
            when = f"剩余 {span}" if left > 0 else f"已超时 {span}"
            body[lang] = (f"{noun} {number}（客户：{deadline.title}）的「{clock}」时限"
                          f"截止于 {due_local}，{when}。请及时处理。")
        else:
            when = f"{span} left" if left > 0 else f"{span} late"
            body[lang] = (f"The {clock[:1].lower()}{clock[1:]} deadline of {noun} {number} (customer: "
                          f"{deadline.title}) is {due_local} — {when}.")
    return title, body


OPEN = {"zh": "打开：", "en": "Open: "}


def mail_for(person, title: dict, body: dict, link: str, at: str,
             mail_id: str | None = None) -> MailOutbox | None:
    """The e-mail of a message to one person, or None when they do not want e-mail (or have no
    address): in their language, with the portal's absolute address of the subject."""
    if not directory.wants_email_notices(person):
        return None
    lang = directory.notice_language(person)
    text = f"{body.get(lang) or body['zh']}\n\n{OPEN[lang]}{settings().portal_url}{link}"
    return MailOutbox(id=mail_id or keys.new_id("ml"), to=person.email,
                      subject=title.get(lang) or title["zh"], text=text, at=at)


def recipients(who: list[str], deadline: Deadline) -> list:
    """Staff to notify, by the groups a level names: "assignee" (the subject's assignee, or,
    while it has none, the outlet's managers), "outlet_manager", "head_office"."""
    people = {}
    for kind in who:
        if kind == "assignee" and deadline.assignee:
            person = directory.staff(deadline.assignee)
            found = [person] if person else []
        elif kind in ("assignee", "outlet_manager"):
            found = directory.staff_now(deadline.outlet, "manager")
        else:
            found = directory.head_office_staff()
        for person in found:
            if person.active:
                people[person.username] = person
    return list(people.values())


def tell(people, *, at: str, level: str, title: dict, body: dict, link: str,
         subject_kind: str, subject_id: str, reference: str | None, clock: str | None = None,
         notice: str | None = None) -> list[Notification]:
    """One message to each person: their inbox item. The caller writes them in the transaction
    of their cause; once it committed, the table's stream mails each one to whoever wants
    e-mail (`mail_record`)."""
    return [Notification(
        id=keys.new_id("nt"), username=person.username, at=at, level=level, clock=clock,
        notice=notice, subject_kind=subject_kind, subject_id=subject_id, reference=reference,
        link=link, title=title, body=body, read=False) for person in people]


def tell_entries(people, **message) -> list:
    """`tell` as transaction entries: each inbox item."""
    from chalicelib.modules.notifications.store import inbox_entry

    return [inbox_entry(note) for note in tell(people, **message)]


def build(deadline: Deadline, level: str, notify: list[str], now: datetime) -> list[Notification]:
    """The inbox items of one level of one clock (their mails follow from the stream)."""
    title, body = compose(deadline, level, now)
    return tell(recipients(notify, deadline), at=keys.iso(now), level=level, title=title,
                body=body, link=deadline.link, subject_kind=deadline.kind,
                subject_id=deadline.subject_id, reference=deadline.reference,
                clock=deadline.clock)


# ---------------------------------------------------------------- e-mail

def _send(mail: MailOutbox) -> None:
    _mailer().send_email(
        Source=settings().mail_from, Destination={"ToAddresses": [mail.to]},
        Message={"Subject": {"Data": mail.subject, "Charset": "UTF-8"},
                 "Body": {"Text": {"Data": mail.text, "Charset": "UTF-8"}}})
    logger.info("email sent", extra={"mail": mail.id, "to": mask_email(mail.to)})
    count("EmailsSent")


def mail_of(item: Notification | MailOutbox) -> MailOutbox | None:
    """The e-mail a new item of the stream asks for: a queued mail as it is; an inbox message
    by its reader's choice now (none when they do not want e-mail or have left)."""
    if isinstance(item, MailOutbox):
        return item
    person = directory.staff(item.username)
    if person is None or not person.active:
        return None
    return mail_for(person, item.title, item.body, item.link or legacy_link(item.subject_id),
                    item.at, mail_id=f"ml_{item.id}")


def mail_record(item: Notification | MailOutbox) -> None:
    """Send the e-mail of one new item (the stream's record). A mail already in the outbox
    index is the SLA sweep's to send (put there when SES refused it, or queued by an earlier
    release), so it is left alone. When SES refuses, the mail goes into the outbox index (one
    put), which the sweep tries again every 5 minutes for up to 30 days (the item's TTL); only
    when that put fails too does this raise, and the stream hands the record again."""
    if isinstance(item, MailOutbox) and item.gsi4pk:
        return
    mail = mail_of(item)
    if mail is None:
        return
    try:
        _send(mail)
    except Exception as error:  # noqa: BLE001 - kept for the sweep
        log_failure("email failed", error, mail=mail.id, to=mask_email(mail.to))
        store.queue_for_retry(mail)


def send_pending_mail(limit: int = 100) -> int:
    """Send what waits in the outbox index (gsi4): the mails SES refused when the stream
    handed them over, and those an earlier release queued there; each is deleted once sent,
    and counted and kept when SES refuses it again. The SLA sweep calls this every run."""
    sent = 0
    for shard in range(store.OUTBOX_SHARDS):
        for mail in store.pending_mail(shard, limit):
            try:
                _send(mail)
            except Exception as error:  # noqa: BLE001 - stays queued; the next sweep retries it
                log_failure("email failed", error, mail=mail.id, to=mask_email(mail.to))
                store.mail_failed(mail)
                continue
            store.mail_sent(mail)
            sent += 1
    return sent


# ---------------------------------------------------------------- the inbox API

def view(n: Notification, lang: str) -> dict:
    """`order_id` and `number` name the subject of any kind (their names are from when only
    work orders had deadlines); `subject_kind` and `link` say what it is and where it opens;
    a hand-off notice has `level` "handoff", its `notice` and no clock."""
    return {"id": n.id, "at": n.at, "level": n.level, "clock": n.clock, "notice": n.notice,
            "order_id": n.subject_id, "number": n.reference,
            "subject_kind": n.subject_kind or LEGACY_KIND, "subject_id": n.subject_id,
            "link": n.link or legacy_link(n.subject_id),
            "title": n.title.get(lang) or n.title["zh"], "body": n.body.get(lang) or n.body["zh"],
            "read": bool(n.read)}


def list_inbox(actor: Actor, params: dict, lang: str) -> dict:
    limit, unread_only = limit_of(params), params.get("unread") in ("1", "true")
    return read_page("notifications", actor, params,
                     lambda start: store.inbox(actor.username, unread_only, limit, start),
                     lambda note: view(note, lang))


def unread(actor: Actor) -> dict:
    return {"count": store.unread_count(actor.username)}


def mark_read(actor: Actor, notification_id: str, lang: str) -> dict:
    note = store.get_notification(actor.username, notification_id)
    if note is None:
        raise NotFound()
    if not note.read:
        store.mark_read(note)
        note.read = True
    return view(note, lang)


def mark_all_read(actor: Actor) -> dict:
    marked = 0
    while True:
        page = store.inbox(actor.username, True, 100, None)
        for note in page.items:
            store.mark_read(note)
            marked += 1
        if not page.items:
            return {"count": marked}
