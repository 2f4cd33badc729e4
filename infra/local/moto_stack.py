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

Each call also paid for moto's generic machinery and for werkzeug: a TCP connection, a server
thread and a close per request (werkzeug always answers `Connection: close`), a model-driven
serializer visiting ten members and their key aliases for every DynamoDB attribute, six regular
expressions per token of every condition expression, an O(attributes²) item-size check per item
written, a bucket-wide deep copy for every S3 version listing. `_QuietHandler` keeps connections
open when `_OneRequestAtATime` has read the body whole, and `_fast_serialization`,
`_fast_expressions`, `_fast_items`, `_fast_version_listing` and `_fast_actions` take the same
decisions and give byte-for-byte the same answers as moto's own code at a fraction of its cost
(measured: three API test files 98 -> 51 s, the demo seed 155 -> 104 s).

moto keeps a JSON copy of every write to a streamed table in the stream, for ever;
`_consumed_streams` keeps only the records a consumer's filter takes (what AWS would hand it).
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
        # a cancelled transaction leaves nothing on a table's stream either (as on AWS): what
        # moto recorded for it, and for the restore below, is cut off again
        streams = {name: len(shard.items) for name in {name for name, _k, _a in snapshots}
                   if (shard := getattr(self.tables[name], "stream_shard", None)) is not None}
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
            for name, length in streams.items():
                del self.tables[name].stream_shard.items[length:]
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


# DynamoDB's AttributeValue members in the botocore model's order, as moto's serializer walks them
_ATTRIBUTE_MEMBERS = ("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL")


def _attribute_json(value: dict, serializer) -> dict | None:
    """One DynamoDB AttributeValue as moto's JSON serializer writes it, or None when the value
    holds anything but the model's own member names (moto's generic walk then decides)."""
    from enum import Enum

    def string(v):
        if isinstance(v, Enum):
            v = v.value
        return str(v) if v not in [None, {}, []] else v

    if not value.keys() <= _ATTRIBUTE_SET:
        return None
    out: dict = {}
    for name in _ATTRIBUTE_MEMBERS:
        v = value.get(name)
        if v is None:
            continue
        if name in ("S", "N"):
            out[name] = string(v)
        elif name == "B":
            out[name] = serializer._base64(v)
        elif name in ("SS", "NS"):
            out[name] = [string(x) for x in v]
        elif name == "BS":
            out[name] = [serializer._base64(x) for x in v]
        elif name == "M":
            members: dict = {}
            for key, member in v.items():
                if member is None:  # moto writes no entry for it
                    continue
                if type(member) is not dict:
                    return None
                if (written := _attribute_json(member, serializer)) is None:
                    return None
                members[key] = written
            out[name] = members
        elif name == "L":
            elements: list = []
            for element in v:
                if element is None:  # moto keeps it as it is
                    elements.append(element)
                    continue
                if type(element) is not dict:
                    return None
                if (written := _attribute_json(element, serializer)) is None:
                    return None
                elements.append(written)
            out[name] = elements
        else:  # NULL, BOOL: as they are
            out[name] = v
    return out


_ATTRIBUTE_SET = frozenset(_ATTRIBUTE_MEMBERS)


def _fast_serialization() -> None:
    """moto 5 writes every response through a serializer driven by the botocore model: for each
    member of each DynamoDB AttributeValue (ten of them) it tries half a dozen key aliases on the
    value, so an item of 40 attributes costs some 2,000 lookups and a query of a few dozen items a
    large share of the request. Values of the shape `AttributeValue` (a dict of the model's own
    member names, as moto's DynamoDB always builds them) are written here in one pass instead,
    the same JSON member for member (the same body and checksum); anything else, and every other
    shape and service, still goes through moto's walk."""
    from moto.core.serialize import BaseJSONSerializer

    if getattr(BaseJSONSerializer._serialize_type_structure, "fuwu_patched", False):
        return
    original = BaseJSONSerializer._serialize_type_structure

    def _serialize_type_structure(self, serialized, value, shape, key):
        if (key and type(value) is dict and shape.name == "AttributeValue"
                and "name" not in shape.serialization
                and self.operation_model.service_model.service_name == "dynamodb"
                and not getattr(self._value_picker, "response_transformers", None)):
            written = _attribute_json(value, self)
            if written is not None:
                serialized[key] = written
                return
        original(self, serialized, value, shape, key)

    _serialize_type_structure.fuwu_patched = True
    BaseJSONSerializer._serialize_type_structure = _serialize_type_structure


def _fast_expressions() -> None:
    """moto lexes and parses every condition, key-condition and filter expression anew (six
    regular expressions per token, then a dozen passes over the tokens), and a query's filter
    twice. The app sends the same few dozen expressions thousands of times, among them the
    filter PynamoDB puts on every query of the base model, `kind IN (:2, …, :91)` (one value
    per model): 180 tokens parsed for a query that reads two items.

    The tokens of an expression depend on its text alone: kept per text, fresh nodes for each
    parse. The parsed condition depends on the text and on the names and values its tokens
    refer to, nothing else (`_lookup_expression_attribute_name/_value` are the parser's only
    reads of them), and moto only evaluates it: the last 4,096 are kept, keyed by those, with
    the names and values the parse reported found. A parse that fails is never kept."""
    import json
    from collections import OrderedDict, deque

    from moto.dynamodb.comparisons import ConditionExpressionParser

    if getattr(ConditionExpressionParser._lex_condition_expression, "fuwu_patched", False):
        return
    original_lex = ConditionExpressionParser._lex_condition_expression
    original_parse = ConditionExpressionParser.parse
    tokens: dict[str, tuple] = {}
    parsed: OrderedDict = OrderedDict()
    operand = ConditionExpressionParser.Nonterminal.OPERAND
    absent = object()

    def lexed(self) -> tuple:
        text = self.condition_expression
        if text not in tokens:
            tokens[text] = tuple((n.nonterminal, n.kind, n.text, n.value)
                                 for n in original_lex(self))
        return tokens[text]

    def _lex_condition_expression(self):
        return deque(self.Node(nonterminal=nonterminal, kind=kind, text=token, value=value,
                               children=[])
                     for nonterminal, kind, token, value in lexed(self))

    def referred(self) -> tuple:
        """The names and values the expression's path elements name (as _parse_paths splits
        them), each with what this request gives for it."""
        names = self.expression_attribute_names or {}
        values = self.expression_attribute_values or {}
        found = sorted({element for nonterminal, _kind, _text, value in lexed(self)
                        if nonterminal == operand
                        for element in value.replace("[", ".[").split(".")
                        if element[:1] in (":", "#")})
        return tuple((element, (names if element[0] == "#" else values).get(element, absent))
                     for element in found)

    def parse(self):
        text = self.condition_expression
        if not text:
            return original_parse(self)
        try:
            pairs = referred(self)
            key = (text, json.dumps([(name, None if given is absent else given, given is absent)
                                     for name, given in pairs], sort_keys=True, default=repr))
        except Exception:  # noqa: BLE001 - moto's own parse says what is wrong
            return original_parse(self)
        if key in parsed:
            condition, names_found, values_found = parsed[key]
            parsed.move_to_end(key)
            self.expr_attr_names_found.extend(names_found)
            self.expr_attr_values_found.extend(values_found)
            return condition
        names_before = len(self.expr_attr_names_found)
        values_before = len(self.expr_attr_values_found)
        condition = original_parse(self)
        parsed[key] = (condition, tuple(self.expr_attr_names_found[names_before:]),
                       tuple(self.expr_attr_values_found[values_before:]))
        if len(parsed) > 4096:
            parsed.popitem(last=False)
        return condition

    _lex_condition_expression.fuwu_patched = True
    ConditionExpressionParser._lex_condition_expression = _lex_condition_expression
    ConditionExpressionParser.parse = parse


def _fast_items() -> None:
    """moto checks the 400 KB item limit on each attribute it adds to a new item by summing the
    sizes of every attribute already there: O(attributes²) size computations per written item
    (a work order of 40 attributes, 800). The running sum gives the same check at the same
    attribute: the error is raised where moto raises it, nothing else changes."""
    from moto.dynamodb.exceptions import ItemSizeTooLarge
    from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict
    from moto.dynamodb.models.utilities import bytesize

    if getattr(Item.__init__, "fuwu_patched", False):
        return

    def item_init(self, hash_key, range_key, attrs):
        self.hash_key = hash_key
        self.range_key = range_key
        self.attrs = LimitedSizeDict()
        size = 0
        for key, value in attrs.items():
            converted = DynamoType(value)
            size += bytesize(key) + converted.size()
            if size > 405000:  # moto's own limit (LimitedSizeDict.__setitem__)
                raise ItemSizeTooLarge
            dict.__setitem__(self.attrs, key, converted)

    item_init.fuwu_patched = True
    Item.__init__ = item_init


def _fast_version_listing() -> None:
    """moto lists an S3 prefix's object versions by deep-copying every version of every object
    in the bucket, bodies included, and only then keeping the prefix's: the app lists one key's
    versions when it deletes an object for good (evidence/objects.delete_all_versions), in a
    bucket that fills with every photo a session uploads. Without paging markers the prefix's
    keys alone give the same listing (moto's loop keeps only them and numbers versions per key),
    so moto is shown those, under the lock that already serialises its requests."""
    from moto.s3.models import S3Backend
    from moto.s3.utils import _VersionedKeyStore

    if getattr(S3Backend.list_object_versions, "fuwu_patched", False):
        return
    original = S3Backend.list_object_versions

    def list_object_versions(self, bucket_name, delimiter=None, key_marker=None,
                             max_keys=1000, prefix="", version_id_marker=None):
        if not prefix or key_marker is not None or version_id_marker is not None:
            return original(self, bucket_name, delimiter, key_marker, max_keys, prefix,
                            version_id_marker)
        bucket = self.get_bucket(bucket_name)
        every_key = bucket.keys
        matching = _VersionedKeyStore()
        for name, versions in every_key.iterlists():
            if name.startswith(prefix):
                dict.__setitem__(matching, name, versions)  # the same lists, nothing disposed
        bucket.keys = matching
        try:
            return original(self, bucket_name, delimiter, key_marker, max_keys, prefix,
                            version_id_marker)
        finally:
            bucket.keys = every_key

    list_object_versions.fuwu_patched = True
    S3Backend.list_object_versions = list_object_versions


def _fast_actions() -> None:
    """moto lists a response class's methods (inspect.getmembers) on every request to find the
    action; a class's methods do not change while the server runs: listed once per class."""
    from functools import cache

    from moto.core import responses

    if getattr(responses.method_names_from_class, "fuwu_patched", False):
        return
    listed = cache(responses.method_names_from_class)
    listed.fuwu_patched = True
    responses.method_names_from_class = listed


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


_BODY_READ = "fuwu.body_read"


def _consumed_streams() -> None:
    """moto keeps a record of every write to a table with a stream, each a JSON copy of the
    item, for ever; AWS hands a consumer only the records its filter matches, and drops the
    rest after 24 hours. Here a record is kept only when a consumer of the table's stream
    (infra/resources.py STREAM_CONSUMERS) would take it, so neither memory nor the time of a
    write grows with every write of a run or of the test suite."""
    from moto.dynamodb.models.table import StreamShard

    from infra.resources import STREAM_CONSUMERS

    original = StreamShard.add
    if getattr(original, "fuwu_patched", False):
        return

    def add(self, old, new) -> None:
        event = "INSERT" if old is None else "REMOVE" if new is None else "MODIFY"
        kind = new.attrs.get("kind") if new is not None else None  # (a filter on NewImage)
        if any(c.takes(event, kind.value if kind is not None else None) for c in STREAM_CONSUMERS):
            original(self, old, new)

    add.fuwu_patched = True
    StreamShard.add = add


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
        # read whole by its length: the connection may carry the next request (_QuietHandler)
        environ[_BODY_READ] = not environ.get("wsgi.input_terminated")
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
    """werkzeug's handler, but keeping the connection open between requests (HTTP/1.1
    keep-alive) when that is safe.

    werkzeug answers every request with `Connection: close` because `http.server` cannot skip
    an unread request body to find the next request line. Here `_OneRequestAtATime` has read
    each body whole by its Content-Length and returns the whole response with its length, so the
    next request starts exactly where this one ended: without the close, botocore and the
    browser reuse their connections instead of paying a TCP connect, a server thread and a
    close for each of the suite's and the seed's tens of thousands of calls. A body that was
    not read whole (chunked, cut short, a bad length) or a response without a length still
    closes the connection, as before.
    """

    # Without TCP_NODELAY every small response waits for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True

    def log_request(self, *args, **kwargs) -> None:
        pass

    def run_wsgi(self) -> None:
        if self.headers.get("Expect", "").lower().strip(" \t") == "100-continue":
            self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        self.environ = environ = self.make_environ()
        started: list = []

        def start_response(status, headers, exc_info=None):
            started[:] = [status, list(headers)]
            return None  # _OneRequestAtATime returns its body; it never calls write()

        try:
            content = b"".join(self.server.app(environ, start_response))
            status, headers = started
        except Exception as error:  # noqa: BLE001 - a 500, and the connection closed
            self.server.log("error", f"Error on request: {error!r}")
            status, content = "500 Internal Server Error", b""
            headers = [("Content-Type", "text/plain"), ("Content-Length", "0")]
            environ[_BODY_READ] = False
        code, _, message = status.partition(" ")
        names = {name.lower() for name, _ in headers}
        bodiless = environ["REQUEST_METHOD"] == "HEAD" or code.startswith("1") \
            or code in ("204", "304")
        keep = environ.get(_BODY_READ) and "transfer-encoding" not in names \
            and ("content-length" in names or bodiless)
        self.send_response(int(code), message)
        for name, value in headers:
            self.send_header(name, value)
        if not keep:
            self.send_header("Connection", "close")  # http.server then closes it
        self.end_headers()
        if content and not bodiless:
            self.wfile.write(content)
        self.wfile.flush()


class MotoServer:
    def __init__(self, host: str = "127.0.0.1", port: int | None = None):
        from moto.server import DomainDispatcherApplication, create_backend_app

        _fast_transactions()
        _fast_queries()
        _fast_dispatch()
        _fast_serialization()
        _fast_expressions()
        _fast_items()
        _fast_version_listing()
        _fast_actions()
        _consumed_streams()
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
