"""Budget bookings (issue 17, check 8's budget half): a booking is ONE conditional update of the
budget item (in one TransactWriteItems with its audit event), never a read and then a write,
so concurrent claims never cross the stop line. Prints the DynamoDB requests and items of one
booking (below a threshold, and the one that crosses 80 %), and the outcome of 20 concurrent
claims near the line: how many passed, how many were refused, whether the line was crossed and
how many notices the crossing of 100 % sent. Counts and ratios only; nothing is timed.

Bookings are made through the use case `fees.public.book_spend` (what the order's acceptance
and, next, the travel claims call), on a bare stack (outlets and staff only).

Run from the repository root: python -m bench.budgets
"""

from __future__ import annotations

import contextlib
import json
import threading

from bench import harness

OUTLET, YEAR = "SZ", 2026
CLAIMS = 20
AMOUNT = 10_000  # 100元 a claim
REPEATS = 3


@contextlib.contextmanager
def written():
    """The items of every write request sent: (operation, item count)."""
    made: list[tuple[str, int]] = []

    def watch(_endpoint, request, _response):
        op = harness.dynamodb_operation(request)
        if op == "TransactWriteItems":
            made.append((op, len(json.loads(request.body)["TransactItems"])))
        elif op in ("PutItem", "UpdateItem", "DeleteItem"):
            made.append((op, 1))

    with harness.watching_sends(watch):
        yield made


def _measure(book) -> tuple[str, int, int, int]:
    """(operations, requests, items written, items read) of one booking."""
    with harness.reading() as seen, written() as writes:
        book()
    ops = harness.summarise([op for op, n in seen["ops"].items() for _ in range(n)])
    return (ops, sum(seen["ops"].values()), sum(n for _op, n in writes),
            sum(seen["read"].values()))


def main() -> None:
    print("# bench.budgets — budget bookings: requests and items per booking, 20 concurrent "
          "claims at the stop line")
    print(f"# {harness.machine()}")
    harness.start_bare()
    from chalicelib.kernel.actor import Actor
    from chalicelib.modules.fees import budgets
    from chalicelib.modules.fees import public as fees

    head_office = Actor("hq_admin", "head_office", "HQ")
    source = {"kind": "bench"}

    def set_budget(year: int, repair_fen: int, stop: bool) -> None:
        seen = budgets.read(OUTLET, year).version
        budgets.set_budget(head_office, OUTLET, year, {
            "version": seen, "stop": stop, "categories": {"repair": {"limit_fen": repair_fen}}},
            "zh")

    # one booking, steady state: below 80 %, then the one that crosses it
    set_budget(YEAR, 100 * AMOUNT, stop=True)
    fees.book_spend(OUTLET, YEAR, "repair", AMOUNT, source)  # warm-up (directory caches)
    rows = []
    for _ in range(REPEATS):
        rows.append(["booking below 80 %", *map(str, _measure(
            lambda: fees.book_spend(OUTLET, YEAR, "repair", AMOUNT, source)))])
    rows = rows[-1:]
    fees.book_spend(OUTLET, YEAR, "repair", 75 * AMOUNT, source)  # 79 %
    rows.append(["booking crossing 80 % (tells once)", *map(str, _measure(
        lambda: fees.book_spend(OUTLET, YEAR, "repair", AMOUNT, source)))])
    rows.append(["booking after (told already)", *map(str, _measure(
        lambda: fees.book_spend(OUTLET, YEAR, "repair", AMOUNT, source)))])
    print()
    print(harness.table(["booking", "operations", "DynamoDB reqs", "items written",
                         "items read"], rows))
    print("# items written: the budget's conditional update + its audit event + its fee fact "
          "(3), plus the threshold's marker and its notices (and mails) once")

    # 20 concurrent claims at the line: room for exactly 5 (the 5th reaches 100 %)
    year = YEAR + 1
    set_budget(year, 5 * AMOUNT, stop=True)
    outcomes: list[str] = []
    lock, barrier = threading.Lock(), threading.Barrier(CLAIMS)

    def claim() -> None:
        barrier.wait()
        try:
            fees.book_spend(OUTLET, year, "repair", AMOUNT, source)
            result = "booked"
        except fees.BudgetExceeded:
            result = "budget_exceeded"
        except Exception as error:  # noqa: BLE001 - printed below
            result = type(error).__name__
        with lock:
            outcomes.append(result)

    with harness.reading() as seen:
        threads = [threading.Thread(target=claim) for _ in range(CLAIMS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    stored = budgets.read(OUTLET, year)
    repair = stored.figures()["repair"]
    from chalicelib.kernel.store.models import Item
    from chalicelib.modules.fees import keys

    pk, _sk = keys.budget_key(OUTLET, year)
    marks = [i for i in Item.query(pk, Item.sk.startswith(f"{year}#TOLD#"), consistent_read=True)]
    print()
    print(f"# {CLAIMS} concurrent claims of {AMOUNT // 100}元 on a stopped repair budget of "
          f"{repair.ceiling_fen // 100}元 (room for {repair.ceiling_fen // AMOUNT})")
    print(harness.table(["figure", "value"], [
        ["booked", str(outcomes.count("booked"))],
        ["refused 409 budget_exceeded", str(outcomes.count("budget_exceeded"))],
        ["other outcomes", str(len([o for o in outcomes
                                    if o not in ("booked", "budget_exceeded")]))],
        ["spent ÷ ceiling", f"{repair.spent_fen / repair.ceiling_fen:.3f}"],
        ["claims that crossed the stop line", str(max(0, (repair.spent_fen - repair.ceiling_fen
                                                          + AMOUNT - 1) // AMOUNT))],
        ["threshold markers written (80 %, 100 %)", str(len(marks))],
        ["people told at 100 %", str(sum(len(m.recipients) for m in marks
                                          if int(m.level) == 100))],
        ["DynamoDB requests per claim", f"{sum(seen['ops'].values()) / CLAIMS:.2f}"],
        ["UpdateItem/PutItem outside a transaction",
         str(seen["ops"]["UpdateItem"] + seen["ops"]["PutItem"])],
    ]))


if __name__ == "__main__":
    main()
