"""The API and the built SPA on one origin (http://localhost:8000), as CloudFront does on AWS.

Chalice's local server has no static files and no greedy route; a subclass of its request
handler serves `frontend/dist` for every path outside `/api` (index.html for client routes).
"""

from __future__ import annotations

import mimetypes
import threading
from pathlib import Path

from chalice.config import Config
from chalice.local import ChaliceRequestHandler, LocalDevServer, ThreadedHTTPServer

DIST = Path(__file__).resolve().parents[2] / "frontend" / "dist"


class SpaRequestHandler(ChaliceRequestHandler):
    dist: Path = DIST

    def _is_api(self) -> bool:
        return self.path == "/api" or self.path.startswith("/api/")

    def do_GET(self) -> None:  # noqa: N802 (BaseHTTPRequestHandler naming)
        if self._is_api():
            super().do_GET()
        else:
            self._serve_static()

    def do_HEAD(self) -> None:  # noqa: N802
        if self._is_api():
            super().do_HEAD()
        else:
            self._serve_static(head=True)

    def _serve_static(self, head: bool = False) -> None:
        relative = self.path.split("?", 1)[0].split("#", 1)[0].lstrip("/")
        root = self.dist.resolve()
        target = (root / relative).resolve() if relative else root / "index.html"
        if not target.is_relative_to(root) or not target.is_file():
            # client-side routes fall back to the SPA; missing assets are a 404
            target = root / "index.html" if "." not in Path(relative).name else None
        if target is None or not target.is_file():
            body = b"not found" if target is None else b"SPA not built: run `make build`"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)
            return
        body = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        cache = "no-cache" if target.name == "index.html" else "public, max-age=31536000, immutable"
        self.send_header("Cache-Control", cache)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _send_error_response(self, error) -> None:
        """What API Gateway answers itself (an unknown path, a timeout) in the API's error
        envelope, as the gateway responses of the CDK stack do on AWS."""
        from chalice.local import ForbiddenError

        from chalicelib.kernel.http import error_reply
        from chalicelib.kernel.messages import language

        lang = language(self.headers.get("accept-language"))
        if isinstance(error, ForbiddenError):  # no route: "Missing Authentication Token"
            response = error_reply(404, "not_found", None, lang, "route_not_found")
        else:
            response = error_reply(error.CODE, "internal_error", None, lang)
        self._send_http_response(response.status_code, dict(response.headers), response.body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        pass  # the app logs every API request itself


class PortalHTTPServer(ThreadedHTTPServer):
    """Chalice's server (a thread per connection) with a listen backlog for a browser's burst
    of connections: http.server's default of 5 drops the rest, which the browser retries only
    a second or more later (or sees reset)."""

    request_queue_size = 1024

    def handle_error(self, request, client_address) -> None:
        """A browser that closes a kept-alive connection (a tab closed, a test's context shut)
        is no error of the server's; anything else is printed as socketserver does."""
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


def make_server(app, host: str = "127.0.0.1", port: int = 8000) -> LocalDevServer:
    config = Config.create(chalice_stage="local", app_name="fuwu", lambda_timeout=30)
    return LocalDevServer(app, config, host, port, handler_cls=SpaRequestHandler,
                          server_cls=PortalHTTPServer)


def start_in_thread(app, host: str, port: int) -> LocalDevServer:
    server = make_server(app, host, port)
    threading.Thread(target=server.serve_forever, daemon=True, name="fuwu-api").start()
    return server
