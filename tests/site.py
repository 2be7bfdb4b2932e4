"""A real HTTP server on 127.0.0.1 serving the team's feeds and pages, and pages that misbehave."""

import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITES = Path(__file__).parent / "sites"
TYPES = {
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".json": "application/feed+json; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}
LAST_MODIFIED = "Sat, 03 Aug 2024 10:00:00 GMT"
HUGE = 6 * 1024 * 1024  # over the 5 MB a fetch may read


def rss(base: str, links: list[str], title: str = "Trouble feed") -> bytes:
    """An RSS feed whose entries point at these paths."""
    items = "".join(
        f"<item><title>Entry {n}</title><link>{base}{link}</link><guid>{base}{link}</guid>"
        f"<description>Entry {n}: a summary too short to stand for the page.</description>"
        "</item>"
        for n, link in enumerate(links, start=1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{base}/</link><description>test</description>"
        f"{items}</channel></rss>"
    ).encode()


class Site:
    """The server, what it was asked (path and headers), and extra routes tests add."""

    def __init__(self):
        self.requests: list[tuple[str, dict]] = []
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[dict]:
        """The headers of each request for a path, in order."""
        return [headers for asked, headers in self.requests if asked == path]

    def add(self, path: str, body: bytes, content_type: str, status: int = 200) -> None:
        self.routes[path] = (status, content_type, body)

    def file(self, path: str) -> bytes:
        """A file of tests/sites as served, with {base} filled in."""
        return (SITES / path.lstrip("/")).read_bytes().replace(b"{base}", self.base.encode())

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # the tests read site.requests instead
                pass

            def do_GET(self):  # noqa: N802 - the name http.server calls
                path = self.path.split("?")[0]
                site.requests.append((path, dict(self.headers)))
                special = getattr(
                    self, "_" + path.strip("/").replace("/", "_").replace("-", "_"), None
                )
                if special is not None and path.startswith("/x/"):
                    return special()
                if path in site.routes:
                    status, kind, body = site.routes[path]
                    if status != 200:
                        return self._send(status, kind, body)
                else:
                    file = SITES / path.lstrip("/")
                    if not file.resolve().is_relative_to(SITES.resolve()) or not file.is_file():
                        return self._send(404, "text/plain", b"not found")
                    body = file.read_bytes().replace(b"{base}", site.base.encode())
                    kind = TYPES.get(file.suffix, "application/octet-stream")
                tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return None
                return self._send(200, kind, body, {"ETag": tag, "Last-Modified": LAST_MODIFIED})

            def _send(self, status, kind, body, headers=None):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _x_error(self):
                self._send(500, "text/html", b"<h1>Internal Server Error</h1>")

            def _x_private_redirect(self):
                # A public-looking first hop that sends the fetch at a private address.
                self.send_response(302)
                self.send_header("Location", "http://10.0.0.1/admin")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _x_redirect(self):
                self.send_response(301)
                self.send_header("Location", "/articles/" + site.redirect_target)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _x_huge(self):
                # No Content-Length: only counting what arrives can stop it.
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                chunk = b"<p>" + b"padding " * 8000 + b"</p>"
                sent = 0
                try:
                    while sent < HUGE:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                except OSError:
                    pass  # the fetch stopped reading, as it should

            def _x_slow(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                # A byte every half second for 30 s: only a deadline on the whole exchange ends
                # it sooner, and then this side sees the connection cut.
                try:
                    for _ in range(60):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.5)
                except OSError:
                    site.slow_outcomes.append("cut")
                else:
                    site.slow_outcomes.append("sent in full")

        self.redirect_target = ""
        self.slow_outcomes: list[str] = []
        return Handler
