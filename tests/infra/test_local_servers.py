"""The local stack never stalls: an idle or slow connection to moto or to the portal does not
hold up anyone else, and every DynamoDB call stays atomic as it is on AWS."""

from __future__ import annotations

import socket
import sys
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from infra.local.moto_stack import free_port

# Generous, so that a slow shared machine does not fail the test; without the fix the call
# waits for the idle connection forever and hits this timeout.
PATIENT = Config(connect_timeout=5, read_timeout=5, retries={"max_attempts": 1, "mode": "standard"})


def dynamodb(stack):
    return boto3.client("dynamodb", endpoint_url=stack["AWS_ENDPOINT_URL"],
                        region_name=stack["AWS_REGION"], config=PATIENT)


def moto_address(stack) -> tuple[str, int]:
    url = urlsplit(stack["AWS_ENDPOINT_URL"])
    return url.hostname, url.port


IDLE = b""
HALF_SENT = (b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n"
             b"X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 1000\r\n\r\n{\"Limit\":")


@pytest.mark.parametrize("sent", [IDLE, HALF_SENT], ids=["idle-connection", "half-sent-request"])
def test_a_connection_that_sends_nothing_more_does_not_block_dynamodb_calls(stack, sent):
    """A browser's speculative or idle connection, or a slow upload, is open to moto (and says
    nothing more) while the API reads and writes DynamoDB."""
    ddb = dynamodb(stack)
    with socket.create_connection(moto_address(stack), timeout=5) as idle:
        if sent:
            idle.sendall(sent)
        described = ddb.describe_table(TableName=stack["FUWU_TABLE"])
        assert described["Table"]["TableName"] == stack["FUWU_TABLE"]
        assert stack["FUWU_TABLE"] in ddb.list_tables()["TableNames"]


@pytest.fixture
def counter_table(stack):
    ddb = dynamodb(stack)
    name = f"fuwu-counter-{uuid.uuid4().hex[:8]}"
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    ddb.put_item(TableName=name, Item={"pk": {"S": "counter"}, "n": {"N": "0"},
                                       "version": {"N": "0"}})
    yield name
    ddb.delete_table(TableName=name)


ROUNDS = 6  # without the serialisation, most runs lose or double an increment within 6 rounds


def test_concurrent_conditional_writes_stay_atomic(stack, counter_table):
    """20 writers read the counter and each tries to move it one up under a version condition;
    half of them do it in a transaction that also records a receipt. No increment is lost or
    doubled: the count equals the successful writes and every transaction left one receipt."""
    writers = 20
    start = threading.Barrier(writers)

    def increment(i: int) -> bool:
        ddb = dynamodb(stack)
        seen = ddb.get_item(TableName=counter_table, Key={"pk": {"S": "counter"}},
                            ConsistentRead=True)["Item"]
        update = {"TableName": counter_table, "Key": {"pk": {"S": "counter"}},
                  "UpdateExpression": "SET n = n + :one, version = version + :one",
                  "ConditionExpression": "version = :seen",
                  "ExpressionAttributeValues": {":one": {"N": "1"}, ":seen": seen["version"]}}
        start.wait()
        try:
            if i % 2:
                ddb.update_item(**update)
            else:
                ddb.transact_write_items(TransactItems=[
                    {"Update": update},
                    {"Put": {"TableName": counter_table, "Item": {"pk": {"S": f"receipt-{i}"}},
                             "ConditionExpression": "attribute_not_exists(pk)"}}])
            return True
        except ClientError as error:
            code = error.response["Error"]["Code"]
            assert code in ("ConditionalCheckFailedException", "TransactionCanceledException"), code
            return False

    # moto runs in this process: switching threads as often as possible makes an interleaving
    # inside moto likely, were requests not serialised
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(writers) as pool:
            rounds = [list(pool.map(increment, range(writers))) for _ in range(ROUNDS)]
    finally:
        sys.setswitchinterval(interval)
    successes = sum(sum(r) for r in rounds)
    receipts = {i for r in rounds for i, ok in enumerate(r) if ok and not i % 2}

    ddb = dynamodb(stack)
    item = ddb.get_item(TableName=counter_table, Key={"pk": {"S": "counter"}},
                        ConsistentRead=True)["Item"]
    assert successes >= ROUNDS  # each round, the first writer wins
    assert int(item["n"]["N"]) == int(item["version"]["N"]) == successes
    stored = ddb.scan(TableName=counter_table)["Items"]
    assert {it["pk"]["S"] for it in stored} == {"counter"} | {f"receipt-{i}" for i in receipts}


# A connection the kernel could not queue (listen backlog full) is dropped and retried only after
# TCP's initial retransmission timeout (1 s) or, where the kernel aborts on overflow, reset. A
# connection that is queued is established at once, however busy the server is.
SYN_RETRY = 0.9


def test_the_portal_answers_fifty_simultaneous_connections():
    from app import app
    from infra.local.server import start_in_thread

    port = free_port()
    server = start_in_thread(app, "127.0.0.1", port)
    try:
        connections = 50
        start = threading.Barrier(connections)

        def fetch(_: int) -> str:
            start.wait()
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=SYN_RETRY) as sock:
                    sock.settimeout(10)
                    sock.sendall(b"GET /no-such-asset.txt HTTP/1.1\r\nHost: localhost\r\n"
                                 b"Connection: close\r\n\r\n")
                    status_line = sock.recv(64).split(b"\r\n", 1)[0].decode()
                    return status_line.split(" ", 1)[1] if status_line.startswith("HTTP/1.") \
                        else f"no answer: {status_line!r}"
            except OSError as error:  # a reset (or refused) connection
                return repr(error)

        with ThreadPoolExecutor(connections) as pool:
            answers = list(pool.map(fetch, range(connections)))
        assert [a for a in answers if not a.startswith("404")] == []
    finally:
        server.shutdown()
        server.server.server_close()


def test_a_browser_resetting_its_connection_prints_no_traceback(capfd):
    """A closed tab or test context resets its kept-alive connection: not a server error."""
    import struct
    import time

    from app import app
    from infra.local.server import start_in_thread

    port = free_port()
    server = start_in_thread(app, "127.0.0.1", port)
    try:
        for _ in range(3):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n")  # no end of headers
            time.sleep(0.1)  # the server thread is reading the request line or headers
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()  # RST
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:  # still serving
            sock.sendall(b"GET /no-such-asset.txt HTTP/1.1\r\nHost: localhost\r\n"
                         b"Connection: close\r\n\r\n")
            assert sock.recv(64).startswith(b"HTTP/1.")
    finally:
        server.shutdown()
        server.server.server_close()
    assert "ConnectionResetError" not in capfd.readouterr().err


# --- compression and caching of the SPA's files (issue 12 item 10) ------------------------

SCRIPT = ("export function greet(name) { return `你好 ${name}`; }\n" * 200).encode()
STYLE = (".shell { margin: 0; padding: 0; color: #333; }\n" * 100).encode()
PICTURE = bytes(range(256)) * 20  # an image is compressed already: sent as it is


@pytest.fixture
def portal(tmp_path):
    """The portal over a small build: a hashed script with the `.br` and `.gz` the build writes
    beside it, a stylesheet without them, a picture and index.html."""
    import gzip

    from app import app
    from infra.local.server import start_in_thread

    assets = tmp_path / "assets"
    assets.mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Fuwu</title>" + " " * 2000)
    (assets / "index-AbC123.js").write_bytes(SCRIPT)
    # the server does not decode what it sends: a marker shows which file went out
    (assets / "index-AbC123.js.br").write_bytes(b"brotli of the script")
    (assets / "index-AbC123.js.gz").write_bytes(gzip.compress(SCRIPT))
    (assets / "style-XyZ.css").write_bytes(STYLE)
    (assets / "logo-1.png").write_bytes(PICTURE)
    servers = []

    def start(compress: bool = True) -> int:
        port = free_port()
        servers.append(start_in_thread(app, "127.0.0.1", port, dist=tmp_path, compress=compress))
        return port

    yield start
    for server in servers:
        server.shutdown()
        server.server.server_close()


def fetch(port: int, path: str, **headers) -> tuple[int, dict[str, str], bytes]:
    """One GET as the bytes on the wire (no client-side decoding), headers lower-cased."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        response = connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def test_a_script_goes_out_in_the_coding_the_browser_accepts_and_as_it_is_without_one(portal):
    import gzip

    port = portal()
    status, headers, body = fetch(port, "/assets/index-AbC123.js", Accept_Encoding="gzip, deflate, br")
    assert status == 200
    assert headers["content-encoding"] == "br" and body == b"brotli of the script"
    assert headers["content-length"] == str(len(body))
    assert headers["vary"] == "Accept-Encoding"
    assert headers["content-type"].startswith("text/javascript") or \
        headers["content-type"].startswith("application/javascript")

    status, headers, body = fetch(port, "/assets/index-AbC123.js", Accept_Encoding="gzip, br;q=0")
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == SCRIPT
    assert headers["content-length"] == str(len(body)) and len(body) < len(SCRIPT) / 5

    status, headers, body = fetch(port, "/assets/index-AbC123.js")  # identity
    assert status == 200 and "content-encoding" not in headers and body == SCRIPT
    assert headers["content-length"] == str(len(SCRIPT)) and headers["vary"] == "Accept-Encoding"
    _, headers, body = fetch(port, "/assets/index-AbC123.js", Accept_Encoding="identity")
    assert "content-encoding" not in headers and body == SCRIPT


def test_text_without_a_precompressed_file_is_gzipped_and_pictures_are_not(portal):
    import gzip

    port = portal()
    _, headers, body = fetch(port, "/assets/style-XyZ.css", Accept_Encoding="br, gzip")
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == STYLE
    assert headers["content-length"] == str(len(body))
    _, headers, body = fetch(port, "/assets/logo-1.png", Accept_Encoding="br, gzip")
    assert "content-encoding" not in headers and "vary" not in headers and body == PICTURE


def test_each_coding_has_its_own_etag_and_a_revalidation_is_a_304(portal):
    port = portal()
    _, br, _ = fetch(port, "/assets/index-AbC123.js", Accept_Encoding="br")
    _, plain, _ = fetch(port, "/assets/index-AbC123.js")
    assert br["etag"] != plain["etag"]
    status, headers, body = fetch(port, "/assets/index-AbC123.js", Accept_Encoding="br",
                                  If_None_Match=br["etag"])
    assert status == 304 and body == b"" and headers["etag"] == br["etag"]
    status, _, body = fetch(port, "/assets/index-AbC123.js", If_None_Match=br["etag"])
    assert status == 200 and body == SCRIPT  # the other representation was not the one cached


def test_hashed_assets_are_immutable_and_the_page_is_revalidated(portal):
    port = portal()
    _, asset, _ = fetch(port, "/assets/index-AbC123.js", Accept_Encoding="br")
    assert asset["cache-control"] == "public, max-age=31536000, immutable"
    for path in ("/", "/index.html", "/work-orders/123"):  # client routes are the page too
        status, page, body = fetch(port, path, Accept_Encoding="gzip")
        assert status == 200 and page["cache-control"] == "no-cache", path
        assert page["content-encoding"] == "gzip" and page["vary"] == "Accept-Encoding"


def test_the_baseline_switch_sends_everything_as_it_is(portal):
    port = portal(compress=False)
    _, headers, body = fetch(port, "/assets/index-AbC123.js", Accept_Encoding="gzip, br")
    assert "content-encoding" not in headers and body == SCRIPT
