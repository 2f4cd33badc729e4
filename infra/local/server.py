"""The API and the built SPA on one origin (http://localhost:8000), as CloudFront does on AWS.

Chalice's local server has no static files and no greedy route; a subclass of its request
handler serves `frontend/dist` for every path outside `/api` (index.html for client routes).

Text files go out compressed, as CloudFront compresses them on AWS: the build writes
`<file>.br` and `<file>.gz` beside each one (frontend/build/precompress.mjs) and the browser gets
the one its Accept-Encoding names (brotli first), a file without them is gzipped once and kept.
Hashed assets (`/assets/`) are cached for a year, everything else (index.html) is revalidated
by its ETag on every load.
"""

from __future__ import annotations

import functools
import gzip
import mimetypes
import threading
from pathlib import Path

from chalice.config import Config
from chalice.local import ChaliceRequestHandler, LocalDevServer, ThreadedHTTPServer

DIST = Path(__file__).resolve().parents[2] / "frontend" / "dist"

# Text is worth compressing; images, PDFs and fonts are compressed already.
COMPRESSIBLE = frozenset({".js", ".mjs", ".css", ".html", ".svg", ".json", ".txt", ".map",
                          ".webmanifest", ".xml"})
MIN_COMPRESSED_BYTES = 1024  # below one packet, compression saves no round trip
# What the build wrote beside a file, in the order preferred: (Content-Encoding, suffix).
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))
IMMUTABLE = "public, max-age=31536000, immutable"  # a hashed name changes with its content


def accepted_encodings(header: str | None) -> set[str]:
    """The codings an Accept-Encoding header allows (`br;q=0` refuses br; `*` allows all)."""
    accepted = set()
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        if not name:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            accepted.add(name)
    if "*" in accepted:
        accepted |= {"br", "gzip"}
    return accepted


@functools.lru_cache(maxsize=64)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """A file the build did not precompress, gzipped once per version (mtime and size)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)


class SpaRequestHandler(ChaliceRequestHandler):
    dist: Path = DIST
    compress: bool = True  # off only for bench/first_load.py's baseline

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
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        body, encoding, tag = self._representation(target)
        compressible = target.suffix in COMPRESSIBLE
        cache = IMMUTABLE if target.parent.name == "assets" else "no-cache"
        if tag in [t.strip() for t in (self.headers.get("if-none-match") or "").split(",")]:
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Cache-Control", cache)
            if compressible:
                self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", "0")  # keeps the connection usable (HTTP/1.1)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if compressible:  # the answer depends on Accept-Encoding: caches keep one per coding
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("ETag", tag)
        self.send_header("Cache-Control", cache)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _representation(self, target: Path) -> tuple[bytes, str | None, str]:
        """The bytes to send, their Content-Encoding (None: the file as it is) and an ETag
        that names the file's version and the coding (each coding is its own representation)."""
        stat = target.stat()
        version = f"{stat.st_mtime_ns:x}-{stat.st_size:x}"
        if self.compress and target.suffix in COMPRESSIBLE:
            accepted = accepted_encodings(self.headers.get("accept-encoding"))
            for encoding, suffix in PRECOMPRESSED:
                packed = target.with_name(target.name + suffix)
                if encoding in accepted and packed.is_file() \
                        and packed.stat().st_mtime_ns >= stat.st_mtime_ns:
                    return packed.read_bytes(), encoding, f'"{version}-{encoding}"'
            if "gzip" in accepted and stat.st_size >= MIN_COMPRESSED_BYTES:
                return _gzipped(str(target), stat.st_mtime_ns, stat.st_size), "gzip", \
                    f'"{version}-gzip"'
        return target.read_bytes(), None, f'"{version}"'

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


def make_server(app, host: str = "127.0.0.1", port: int = 8000, *, dist: Path | None = None,
                compress: bool = True) -> LocalDevServer:
    """The portal; `dist` (another build) and `compress=False` are for bench/first_load.py."""
    config = Config.create(chalice_stage="local", app_name="fuwu", lambda_timeout=30)
    handler = SpaRequestHandler
    if dist is not None or not compress:
        handler = type("SpaRequestHandler", (SpaRequestHandler,),
                       {"dist": dist or SpaRequestHandler.dist, "compress": compress})
    return LocalDevServer(app, config, host, port, handler_cls=handler,
                          server_cls=PortalHTTPServer)


def start_in_thread(app, host: str, port: int, **options) -> LocalDevServer:
    server = make_server(app, host, port, **options)
    threading.Thread(target=server.serve_forever, daemon=True, name="fuwu-api").start()
    return server
