"""The kernel store's reading of a cancelled transaction (chalicelib/kernel/store/base.py): a
cancellation by transaction conflicts alone (nothing written: try the same again) against one
where a condition failed; each entry's place in the transaction as PynamoDB sends it; the
retry of a transaction cancelled by conflicts alone."""

from __future__ import annotations

import pytest
from pynamodb.exceptions import TransactWriteError

from chalicelib.kernel.store import base
from chalicelib.kernel.store.base import Update, only_transaction_conflicts, positions
from chalicelib.kernel.store.models import AppKey
from tests.conflict_helpers import CHECK_FAILED, CONFLICT, cancelled


def test_only_transaction_conflicts():
    assert only_transaction_conflicts(cancelled(None, CONFLICT, None))
    assert only_transaction_conflicts(cancelled(CONFLICT, CONFLICT))
    # a condition failed too: what was read changed, trying the same again cannot pass
    assert not only_transaction_conflicts(cancelled(CONFLICT, CHECK_FAILED))
    assert not only_transaction_conflicts(cancelled(None, CHECK_FAILED))
    assert not only_transaction_conflicts(cancelled(None, "ThrottlingError"))
    assert not only_transaction_conflicts(cancelled(None, None))
    # not a cancellation at all (no reasons)
    assert not only_transaction_conflicts(TransactWriteError("Failed", ValueError("x")))
    error = cancelled(None, CHECK_FAILED, CONFLICT)
    assert base.cancelled_at(error, 1) and not base.cancelled_at(error, 2)
    assert base.refused(error) and base.refused(cancelled(CONFLICT))


def test_positions_are_the_places_pynamodb_sends_them_in():
    put = (AppKey("KEY#a", "KEY", secret="00", created_at="x"), None)
    update = Update(AppKey("KEY#b", "KEY"), [AppKey.secret.set("01")])
    # the puts first, in their order, then the updates
    assert positions([update, put, put]) == [2, 0, 1]
    assert positions([put, update, put, update]) == [0, 2, 1, 3]
    assert positions([]) == []


def test_a_transaction_cancelled_by_conflicts_alone_is_tried_again(monkeypatch):
    waits: list[float] = []
    monkeypatch.setattr(base.time, "sleep", lambda seconds: waits.append(seconds))
    outcomes = [cancelled(None, CONFLICT), cancelled(CONFLICT, None), None]

    def write():
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome

    base.retrying_conflicts(write, attempts=4, pause=0.01)
    assert outcomes == [] and len(waits) == 2
    assert 0.005 <= waits[0] <= 0.01 and 0.01 <= waits[1] <= 0.02  # doubling, jittered

    # never more than `attempts` tries: the last conflict is raised as it came
    waits.clear()
    tries: list[int] = []

    def busy():
        tries.append(1)
        raise cancelled(CONFLICT)

    with pytest.raises(TransactWriteError) as caught:
        base.retrying_conflicts(busy, attempts=3, pause=0.01)
    assert len(tries) == 3 and len(waits) == 2 and only_transaction_conflicts(caught.value)

    # a failed condition is not tried again
    tries.clear()

    def stale():
        tries.append(1)
        raise cancelled(CONFLICT, CHECK_FAILED)

    with pytest.raises(TransactWriteError):
        base.retrying_conflicts(stale, attempts=3, pause=0.01)
    assert len(tries) == 1
