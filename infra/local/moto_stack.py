"""moto in server mode on loopback: the embedded AWS for `make run` and the tests.

The server is single-threaded on purpose: it handles one request at a time, so each DynamoDB
call (a conditional write, a transaction) is atomic as it is on AWS — moto's backends are not
themselves safe against interleaved threads.

moto backs up every table touched by a transaction with a deep copy of the whole table, once
per item of the transaction, so that it can roll back; that makes a transaction cost O(table)
and grows the local start-up and the tests with the data. `_fast_transactions` snapshots only
the items the transaction touches instead and restores them when it is cancelled — the same
all-or-nothing behaviour (the concurrency and idempotency tests check it) at O(items).
"""

from __future__ import annotations

import copy
import socket
import threading

from werkzeug.serving import WSGIRequestHandler, make_server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fast_transactions() -> None:
    from moto.dynamodb import models
    from moto.dynamodb.models.table import Table

    backend = models.DynamoDBBackend
    if getattr(backend.transact_write_items, "fuwu_patched", False):
        return
    original = backend.transact_write_items

    class _NoTableCopy:
        """`copy` as moto's transaction sees it: tables are not copied (items are, below)."""

        def deepcopy(self, value, memo=None):
            return value if isinstance(value, Table) else copy.deepcopy(value, memo)

        def __getattr__(self, name):
            return getattr(copy, name)

    def transact_write_items(self, transact_items):
        snapshots = []
        for entry in transact_items:
            op_type, op = next(iter(entry.items()))
            table = self.tables.get(op.get("TableName"))
            if table is None:
                continue
            if op_type == "Put":
                key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
                if table.range_key_attr:
                    key[table.range_key_attr] = op["Item"][table.range_key_attr]
            else:
                key = op.get("Key")
            try:
                current = self.get_item(table.name, key)
            except Exception:  # noqa: BLE001, S112 - an invalid key: moto refuses it itself
                continue
            attrs = copy.deepcopy(current.to_json()["Attributes"]) if current else None
            snapshots.append((table.name, key, attrs))
        saved_copy, models.copy = models.copy, _NoTableCopy()
        try:
            return original(self, transact_items)
        except Exception:
            for name, key, attrs in reversed(snapshots):
                if attrs is None:
                    if self.get_item(name, key) is not None:
                        self.delete_item(name, key)
                else:
                    self.put_item(name, attrs)
            raise
        finally:
            models.copy = saved_copy

    transact_write_items.fuwu_patched = True
    backend.transact_write_items = transact_write_items


class _QuietHandler(WSGIRequestHandler):
    # Without TCP_NODELAY every small response waits for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True

    def log_request(self, *args, **kwargs) -> None:
        pass


class MotoServer:
    def __init__(self, host: str = "127.0.0.1", port: int | None = None):
        from moto.server import DomainDispatcherApplication, create_backend_app

        _fast_transactions()
        self.host = host
        self.port = port or free_port()
        app = DomainDispatcherApplication(create_backend_app)
        self._server = make_server(self.host, self.port, app, threaded=False,
                                   request_handler=_QuietHandler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="moto-server")

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> MotoServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
