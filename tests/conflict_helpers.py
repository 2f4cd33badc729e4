"""DynamoDB's TransactionConflict, which moto never answers: a TransactWriteError built as
PynamoDB builds it from a TransactionCanceledException, and a TransactWrite whose first
commits are cancelled so (nothing written) before it writes for real."""

from __future__ import annotations

from pynamodb.exceptions import CancellationReason, TransactWriteError, VerboseClientError
from pynamodb.transactions import TransactWrite

CONFLICT = "TransactionConflict"
CHECK_FAILED = "ConditionalCheckFailed"


def cancelled(*codes: str | None) -> TransactWriteError:
    """The error of a cancelled transaction, one reason per item in the order sent (None: that
    item was no reason), as PynamoDB's connection makes it."""
    cause = VerboseClientError(
        {"Error": {"Code": "TransactionCanceledException",
                   "Message": "Transaction cancelled, please refer cancellation reasons"}},
        "TransactWriteItems",
        cancellation_reasons=[CancellationReason(code=c) if c else None for c in codes])
    return TransactWriteError("Failed to write transaction items", cause)


def flaky(failures: int, code: str = CONFLICT) -> tuple[type[TransactWrite], list[int]]:
    """A TransactWrite whose first `failures` commits are cancelled with `code` on the last
    item sent (the budget's update, when there is one) and write nothing; the ones after
    write. The list holds each commit's item count."""
    commits: list[int] = []

    class Flaky(TransactWrite):
        def _commit(self):
            size = (len(self._condition_check_items) + len(self._delete_items)
                    + len(self._put_items) + len(self._update_items))
            commits.append(size)
            if len(commits) <= failures:
                raise cancelled(*([None] * (size - 1)), code)
            return super()._commit()

    return Flaky, commits
