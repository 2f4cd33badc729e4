"""A clock's rule in words, in the reader's language ("紧急、50 公里以内：4 小时内到场",
"Urgent orders within 50 km: arrival within 4 hours"), composed from what the rule says
(clock, priority, type, distance, amount, unit, basis, cap) with the vocabulary's names, so both
languages are always right whatever head office configured. Head office's own remark on a rule
(`note`) is shown as it was typed, apart from this.
"""

from __future__ import annotations

from chalicelib.kernel.labels import label

_UNITS = {"zh": {"minutes": "分钟", "hours": "小时", "working_days": "个工作日"},
          "en": {"minutes": ("minute", "minutes"), "hours": ("hour", "hours"),
                 "working_days": ("working day", "working days")}}


def _number(value) -> str:
    return f"{float(value):g}"


def _span(amount, unit: str, lang: str) -> str:
    if lang == "zh":
        return f"{_number(amount)} {_UNITS['zh'].get(unit, unit)}"
    one, many = _UNITS["en"].get(unit, (unit, unit))
    return f"{_number(amount)} {one if float(amount) == 1 else many}"


def explain(clock: str, target: dict | None, lang: str = "zh") -> str | None:
    """The rule of a clock as a sentence (None when the clock keeps no target)."""
    lang = "en" if lang == "en" else "zh"
    if target and target.get("agreed_due"):  # due when its subject agreed, not by a rule
        name = label("clock", clock, lang)
        return f"{name}：按约定时间完成" if lang == "zh" else f"{name}: by the agreed date"
    if not target or target.get("amount") is None:
        return None
    amount, unit = target["amount"], target.get("unit") or "hours"
    priority, kind = target.get("priority"), target.get("type")
    km, cap = target.get("max_distance_km"), target.get("cap_working_days")
    working_hours = target.get("basis") == "working" and unit != "working_days"
    name = label("clock", clock, lang)
    if lang == "zh":
        when = [p for p in (label("priority", priority, "zh"), label("type", kind, "zh")) if p]
        if km is not None:
            when.append(f"{_number(km)} 公里以内")
        text = f"{_span(amount, unit, 'zh')}内{name}"
        if working_hours:
            text += "（按工作时间）"
        if cap:
            text += f"；复杂故障按计划，最长 {_number(cap)} 个工作日"
        return f"{'、'.join(when)}：{text}" if when else text
    words = [p for p in (label("priority", priority, "en"),
                         label("type", kind, "en").lower() if kind else "") if p]
    when = " ".join(words) + " orders" if words else ("Orders" if km is not None else "")
    if km is not None:
        when += f" within {_number(km)} km"
    what = name[:1].lower() + name[1:] if when else name
    text = f"{what} within {_span(amount, unit, 'en')}"
    if working_hours:
        text += " (working hours)"
    if cap:
        text += f"; a complex repair by its agreed plan, at most {_span(cap, 'working_days', 'en')}"
    return f"{when[:1].upper()}{when[1:]}: {text}" if when else text
