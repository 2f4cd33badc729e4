"""The monthly ABC classes (ABC分类法): per outlet, 12 months of consumption value (the
`USE#<yyyy-mm>#<code>` items the stock engine ADDs at issue and return: one query), the parts
by value, A up to the policy's top share (80 %), B the next (15 %), C the rest and whatever
was not consumed; each stock line whose class changes is updated (its class only: neither its
figures nor the keeper's settings)."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import UpdateError

from chalicelib.kernel.store.models import Item
from chalicelib.modules.directory import public as directory
from chalicelib.modules.parts import keys as part_keys
from chalicelib.modules.parts.keys import stock_sk, use_sk
from chalicelib.modules.parts.models import Consumption, Stock
from chalicelib.modules.parts.policy import parts_policy

MONTHS = 12


def months(now: datetime, count: int = MONTHS) -> tuple[str, str]:
    """The first and last month of the window: the `count` months up to `now`'s."""
    year, month = now.year, now.month - (count - 1)
    while month < 1:
        month += 12
        year -= 1
    return f"{year:04d}-{month:02d}", f"{now.year:04d}-{now.month:02d}"


def classes(values: dict[str, int], a_percent: int, b_percent: int) -> dict[str, str]:
    """Each part's class: by value, highest first, a part is A while the value before it is
    below a_percent of the total, B while below a_percent + b_percent, else C; a part with no
    value is C."""
    total = sum(v for v in values.values() if v > 0)
    out: dict[str, str] = {}
    before = 0
    for code, value in sorted(values.items(), key=lambda kv: (-kv[1], kv[0])):
        if value <= 0 or total <= 0:
            out[code] = "C"
            continue
        share = before * 100 / total
        out[code] = "A" if share < a_percent else "B" if share < a_percent + b_percent else "C"
        before += value
    return out


def consumption(outlet: str, now: datetime) -> dict[str, int]:
    """Value (fen) consumed per part in the window (one query of the outlet's partition)."""
    first, last = months(now)
    values: dict[str, int] = {}
    for item in Item.query(part_keys.stock_pk(outlet),
                           Item.sk.between(use_sk(first), use_sk(last) + "\uffff"), page_size=500):
        if isinstance(item, Consumption):
            values[item.code] = values.get(item.code, 0) + int(item.value_fen or 0)
    return values


def classify_outlet(outlet: str, now: datetime) -> dict:
    policy = parts_policy(outlet)
    wanted = classes(consumption(outlet, now), int(policy["abc_a_percent"]),
                     int(policy["abc_b_percent"]))
    changed = read = 0
    for stock in Item.query(part_keys.stock_pk(outlet), Item.sk.startswith(stock_sk("")), page_size=500):
        if not isinstance(stock, Stock):
            continue
        read += 1
        new = wanted.get(stock.code, "C")
        if stock.abc_class == new:
            continue
        try:
            stock.update(actions=[Stock.abc_class.set(new)], condition=Stock.pk.exists())
        except UpdateError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise
            continue
        changed += 1
    return {"lines": read, "consumed": len(wanted), "changed": changed}


def run(now: datetime) -> dict:
    totals = {"outlets": 0, "lines": 0, "consumed": 0, "changed": 0}
    for outlet in directory.all_outlets():
        done = classify_outlet(outlet.code, now)
        totals["outlets"] += 1
        for name in ("lines", "consumed", "changed"):
            totals[name] += done[name]
    return totals
