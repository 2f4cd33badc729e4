"""A coverage line in words, in the reader's language, composed from the line's own data (the
term, its start, the last covered day, the failure day, what made it free or paid) with the
vocabulary's names, like the SLA clocks' rules (sla/explain.py):
    "启动机: 三包期 3 个月, 自交付 2025-12-01 起, 最后保修日 2026-02-28; 故障日 2026-04-01 → 有偿"
    "启动机: 3-month term from delivery on 2025-12-01, last covered day 2026-02-28;
     failed 2026-04-01 → Paid"
Component and group names are data (head office's words) and are shown as typed.
"""

from __future__ import annotations

from chalicelib.kernel.labels import label
from chalicelib.modules.warranty.domain.terms import WHOLE


def _name(line: dict) -> str:
    component, group = line.get("component"), line.get("group_name")
    if not component:
        return group or ""
    if line.get("group_code") == WHOLE and group:
        return f"{component} ({group})"
    return component


def _term(line: dict, lang: str) -> str:
    months, basis = line.get("months"), line.get("start_basis")
    start, last = line.get("start"), line.get("last_day")
    what = label("start_basis", basis, lang)
    if lang == "zh":
        if start is None:
            return f"三包期 {months} 个月, 自{what}起, 未登记{what}日期"
        return f"三包期 {months} 个月, 自{what} {start} 起, 最后保修日 {last}"
    if start is None:
        return f"{months}-month term from {what}, but no {what} date is recorded"
    return f"{months}-month term from {what} on {start}, last covered day {last}"


def _why(line: dict, lang: str) -> str:
    """What besides the term decided the line (empty when the term alone did)."""
    reason = (line.get("rule") or {}).get("reason") or line.get("reason")
    repeat = line.get("repeat_of") or {}
    zh = lang == "zh"
    if reason == "repair_warranty":
        day = repeat.get("accepted_on") or (repeat.get("accepted_at") or "")[:10]
        number = repeat.get("order_number")
        return (f"; 上次维修 {number} 于 {day} 验收, 30 日内返修保证" if zh else
                f"; repaired under order {number}, accepted on {day}: "
                f"repair warranty within 30 days")
    if reason == "excluded":
        what = label("exclusion", line.get("exclusion"), lang)
        return f"; 不属三包范围: {what}" if zh else f"; excluded: {what}"
    if reason == "contract":
        return "; 合同服务" if zh else "; under contract"
    if reason == "phone_guidance":
        return "; 电话指导免费" if zh else "; phone guidance is free"
    return ""


def explain(line: dict, lang: str = "zh") -> str:
    """The line's decision as one sentence in `lang` (zh or en)."""
    lang = "en" if lang == "en" else "zh"
    zh = lang == "zh"
    rule = line.get("rule") or {"result": line.get("result"), "reason": line.get("reason")}
    name = _name(line)
    if rule.get("reason") == "no_terms":
        body = "未登记三包条款" if zh else "no warranty terms registered"
    else:
        body = _term(line, lang)
    failed = f"故障日 {line['failure_date']}" if zh else f"failed {line['failure_date']}"
    text = f"{name}: {body}; {failed}{_why(line, lang)} → {label('coverage', rule['result'], lang)}"
    override = line.get("override")
    if override:
        result = label("coverage", override.get("result"), lang)
        by = override.get("by_name") or override.get("by") or ""
        text += (f"; {by} 人工改判 → {result}: {override.get('reason', '')}" if zh else
                 f"; overridden by {by} → {result}: {override.get('reason', '')}")
    return text
