"""The appraisal reminder (月度考核待签字): on the 1st to the 4th at 09:00 Beijing, each
outlet's managers are told once that last month's appraisal is ready to sign — an inbox notice
(and e-mail to who wants it) written in one transaction with the marker
APPRAISALMAIL#<outlet>#<month> / MAIL (only if absent), so a rerun, or two runs at once, tells
no one again. A month already signed is not announced. Key reads only: the table is never
scanned."""

from __future__ import annotations

from datetime import datetime

from chalicelib.kernel.observability import count, flush, log_failure, logger
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.modules.directory import public as directory
from chalicelib.modules.figures import public as figures
from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.sla import public as sla
from chalicelib.modules.technicians import appraisal
from chalicelib.modules.technicians.appraisal_models import ready_marker_pk

NOTICE = "appraisal_ready"  # the notifications' `notice` vocabulary (technicians')
LEVEL = "handoff"  # a work notice, not a deadline's level
SUBJECT = "appraisal"


def link(outlet: str, month: str) -> str:
    return f"/technicians/appraisals?outlet={outlet}&month={month}"


def texts(outlet_name: str, month: str) -> tuple[dict, dict]:
    return notifications.notice_texts(NOTICE, f"{outlet_name} {month}", {
        "zh": (f"{outlet_name} {month} 的月度考核已可签字。请于本月 4 日前核对每位技术员的"
               f"完成工单、按时率、满意度、投诉和奖惩后签字；签字后该月冻结，之后的变动计入"
               f"下月的调整。"),
        "en": (f"The monthly appraisal of {outlet_name} for {month} is ready to sign. "
               f"Please check each technician's figures and sign it off by the 4th; "
               f"once signed the month is frozen and later changes count as "
               f"adjustments in the next month.")})


def announce(outlet, month: str, now: datetime) -> int:
    """Tell the outlet's active managers, once per outlet-month. Returns how many were told
    (0 when an earlier run told them, or the month is signed already)."""
    at = kernel_keys.iso(now)
    key = (ready_marker_pk(outlet.code, month), "MAIL")
    if sla.was_told(key) or appraisal.stored(outlet.code, month) is not None:
        return 0
    people = [p for p in directory.staff_now(outlet.code, "manager") if p.active]
    title, body = texts(outlet.name, month)
    told = sla.tell_once(key, people, at=at, level=LEVEL, notice=NOTICE, title=title,
                         body=body, link=link(outlet.code, month), subject_kind=SUBJECT,
                         subject_id=f"{outlet.code}#{month}", reference=month)
    return len(people) if told else 0  # not told: a parallel run told them


def run(now: datetime | None = None) -> dict:
    """Last month (at each outlet's local time) of every service outlet."""
    now = now or kernel_keys.utc_now()
    told = 0
    for outlet in directory.all_outlets():
        if outlet.is_head_office:
            continue
        month = figures.previous_month(directory.local_month(outlet.code, now))
        try:
            told_here = announce(outlet, month, now)
        except Exception as error:  # noqa: BLE001 - the next outlets still run; tomorrow retries
            log_failure("appraisal reminder failed", error)
            continue
        if told_here:
            count("AppraisalReminders")
        told += told_here
    logger.info("appraisal reminders", extra={"told": told})
    return {"told": told}


def handle(event: object = None, context: object | None = None) -> dict:
    """The scheduled entry (delivered at least once; four runs a month tell nobody twice)."""
    logger.set_correlation_id(getattr(context, "aws_request_id", None)
                              or kernel_keys.new_id("appraisal"))
    try:
        return run()
    finally:
        flush()
