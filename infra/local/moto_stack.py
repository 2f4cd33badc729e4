"""moto in server mode on loopback: the embedded AWS for `make run` and the tests.

Connections are accepted concurrently (a thread each) but requests are handled one at a time:
`_OneRequestAtATime` reads a request's whole body outside any lock, then runs moto and collects
its whole response under one global lock, and sends it after releasing the lock. So each call
(a DynamoDB conditional write, a transaction) is atomic as it is on AWS — moto's backends are
not themselves safe against interleaved threads — while an idle connection (a browser's
preconnect), a slow upload through a presigned POST or a slow download no longer holds up
every other call (a single-threaded server serves one connection at a time, until it closes
or times out).

moto backs up every table touched by a transaction with a deep copy of the whole table, once
per item of the transaction, so that it can roll back; that makes a transaction cost O(table)
and grows the local start-up and the tests with the data. `_fast_transactions` snapshots only
the items the transaction touches instead and restores them when it is cancelled — the same
all-or-nothing behaviour (the concurrency and idempotency tests check it) at O(items).

moto answers every Query by sorting the whole table first (`Table.all_items`), then keeping the
items of the partition or index entry asked for: each query cost O(table · log table), so a
worker's stack filled by the suite served a page's dozen queries in seconds and the last browser
tests overran their waits. `_fast_queries` hands moto's query only the queried partition of the
table (or, for an index, the table's items unsorted: moto sorts the matches itself, by the index
keys and then the table keys, here on each key's value converted once) — the same results in the
same order, at O(partition) / O(table).
"""

from __future__ import annotations

import copy
import io
import socket
import threading
from collections import defaultdict

from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler


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


def _fast_queries() -> None:
    from moto.dynamodb.models.table import Table

    if getattr(Table.query, "fuwu_patched", False):
        return
    original = Table.query

    def query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key,
              scan_index_forward, projection_expressions, index_name=None, *args, **kwargs):
        def candidates() -> list:
            if index_name is None and hash_key is not None:
                partition = self.items.get(hash_key)
                if not partition:
                    return []
                return list(partition.values()) if self.range_key_attr else [partition]
            items = ([item for partition in self.items.values() for item in partition.values()]
                     if self.range_key_attr else list(self.items.values()))
            index = next((i for i in self.all_indexes() if i.name == index_name), None)
            hashes = [k["AttributeName"] for k in (index.schema if index else ())
                      if k["KeyType"] == "HASH"]
            if len(hashes) == 1 and hash_key is not None:  # moto checks every condition again
                name, wanted = hashes[0], (hash_key.type, hash_key.value)
                return [item for item in items if (value := item.attrs.get(name)) is not None
                        and (value.type, value.value) == wanted]
            return items

        self.all_items = candidates  # this call's view; moto runs one request at a time
        try:
            return original(self, hash_key, range_comparison, range_objs, limit,
                            exclusive_start_key, scan_index_forward, projection_expressions,
                            index_name, *args, **kwargs)
        finally:
            del self.all_items

    def sorted_items(self, hash_key_attrs, range_key_attrs, items):
        # moto's own sort compares DynamoTypes, each comparison converting both values again
        names = self._generate_attr_to_sort_by(hash_key_attrs, range_key_attrs)
        items.sort(key=lambda x: tuple(x.attrs[name].cast_value for name in names))
        return items

    query.fuwu_patched = True
    Table.query = query
    Table.sorted_items = sorted_items


def _fast_dispatch() -> None:
    """moto's server finds the service of every request's host anew, listing its own package
    folder (150 entries, a stat each) and trying its URL patterns in turn; a host always names
    the same service, so each host is looked up once."""
    from moto.moto_server import werkzeug_app

    dispatcher = werkzeug_app.DomainDispatcherApplication
    if getattr(dispatcher.get_backend_for_host, "fuwu_patched", False):
        return
    original = dispatcher.get_backend_for_host
    found: dict = {}

    def get_backend_for_host(self, host):
        if host not in found:
            found[host] = original(self, host)
        return found[host]

    get_backend_for_host.fuwu_patched = True
    dispatcher.get_backend_for_host = get_backend_for_host


class _OneRequestAtATime:
    """WSGI middleware: moto handles one complete request at a time.

    The body is read first, outside the lock, so a client that is slow to send (or sends
    nothing more) holds up only its own connection; the response is materialised under the
    lock and written after it, so a client slow to read holds up no one either.
    """

    _NO_BODY_STATUSES = ("1", "204", "304")

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        body = self._read_body(environ)
        if body is None:  # the client went away mid-request (or sent a bad length)
            start_response("400 Bad Request", [("Content-Type", "text/plain"),
                                               ("Content-Length", "0")])
            return [b""]
        environ["wsgi.input"] = io.BytesIO(body)
        with self.lock:
            status, headers, content = self._run(environ)
        if not any(name.lower() in ("content-length", "transfer-encoding") for name, _ in headers) \
                and environ.get("REQUEST_METHOD") != "HEAD" \
                and not status.startswith(self._NO_BODY_STATUSES):
            headers.append(("Content-Length", str(len(content))))
        start_response(status, headers)
        return [content]

    @staticmethod
    def _read_body(environ) -> bytes | None:
        stream = environ["wsgi.input"]
        if environ.get("wsgi.input_terminated"):  # chunked: werkzeug de-chunks to the end
            return stream.read()
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        chunks, remaining = [], length
        while remaining > 0:
            chunk = stream.read(min(remaining, 1 << 16))
            if not chunk:
                return None
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def _run(self, environ) -> tuple[str, list, bytes]:
        started: dict = {}
        written: list[bytes] = []

        def start_response(status, headers, exc_info=None):
            # nothing is sent before the app returns, so an error reply simply replaces it
            started["status"], started["headers"] = status, list(headers)
            return written.append  # the legacy write() callable

        result = self.app(environ, start_response)
        try:
            written.extend(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        return started["status"], started["headers"], b"".join(written)


class _Server(ThreadedWSGIServer):
    # a burst of connections (a browser opens several at once) queues instead of being dropped
    request_queue_size = 1024


class _QuietHandler(WSGIRequestHandler):
    # Without TCP_NODELAY every small response waits for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True

    def log_request(self, *args, **kwargs) -> None:
        pass


class MotoServer:
    def __init__(self, host: str = "127.0.0.1", port: int | None = None):
        from moto.server import DomainDispatcherApplication, create_backend_app

        _fast_transactions()
        _fast_queries()
        _fast_dispatch()
        self.host = host
        self.port = port or free_port()
        self._app = _OneRequestAtATime(DomainDispatcherApplication(create_backend_app))
        self._server = _Server(self.host, self.port, self._app, handler=_QuietHandler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="moto-server")

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @staticmethod
    def _tables() -> list:
        from moto.dynamodb.models import dynamodb_backends

        return [table for regions in dynamodb_backends.values() for backend in regions.values()
                for table in backend.tables.values()]

    def snapshot_tables(self) -> dict:
        """Every DynamoDB table's items as they are now (copies), for `restore_tables`."""
        with self._app.lock:
            return {(t.account_id, t.region_name, t.name): copy.deepcopy(t.items)
                    for t in self._tables()}

    def restore_tables(self, snapshot: dict) -> None:
        """Put every table's items back as `snapshot_tables` copied them, between two requests
        (a table created since is emptied). S3, Cognito and SQS are left as they are."""
        with self._app.lock:
            for table in self._tables():
                items = snapshot.get((table.account_id, table.region_name, table.name))
                table.items = copy.deepcopy(items) if items is not None else defaultdict(dict)

    def start(self) -> MotoServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
