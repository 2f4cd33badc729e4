"""moto in server mode on loopback: the embedded AWS for `make run` and the tests.

The server is single-threaded on purpose: it handles one request at a time, so each DynamoDB
call (a conditional write, a transaction) is atomic as it is on AWS — moto's backends are not
themselves safe against interleaved threads.
"""

from __future__ import annotations

import socket
import threading

from werkzeug.serving import WSGIRequestHandler, make_server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietHandler(WSGIRequestHandler):
    # Without TCP_NODELAY every small response waits for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True

    def log_request(self, *args, **kwargs) -> None:
        pass


class MotoServer:
    def __init__(self, host: str = "127.0.0.1", port: int | None = None):
        from moto.server import DomainDispatcherApplication, create_backend_app

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
