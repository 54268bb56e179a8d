"""A real HTTP server on loopback, with the behaviours the fetcher must handle, and archive fixtures."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE = (
    "<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
    "<p>Harbour pilots walked off the job on Thursday morning, leaving a dozen cargo ships waiting at anchor "
    "outside the port after talks on new shift rules broke down late on Wednesday night.</p>"
    "<p>The port authority said in a statement that the rules met national safety standards and that it "
    "remained ready to return to the table at any time, but gave no date for new talks with the pilots.</p>"
    "<p>{extra}</p></article></body></html>"
)


def page(title: str, extra: str = "Shipping agents warned of delays.") -> bytes:
    return ARTICLE.format(title=title, extra=extra).encode()


@dataclass
class Site:
    """What the loopback server serves, and what it saw."""

    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)  # path -> 503 answers before a 200
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""

    def add(self, path: str, body: bytes, content_type: str = "text/html", status: int = 200, **headers: str) -> str:
        self.routes[path] = (
            status,
            {"Content-Type": content_type, **{k.replace("_", "-"): v for k, v in headers.items()}},
            body,
        )
        return self.base + path

    def hits(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.requests if p == path]


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            state.requests.append((self.path, headers))
            if state.failures.get(self.path, 0) > 0:
                state.failures[self.path] -= 1
                self.send_response(503)
                self.send_header("Retry-After", "0")
                self.end_headers()
                return
            if self.path not in state.routes:
                self.send_response(404)
                self.end_headers()
                return
            status, extra, body = state.routes[self.path]
            etag = extra.get("ETag")
            if etag and headers.get("if-none-match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(status)
            for k, v in extra.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
