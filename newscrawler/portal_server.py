"""A real HTTP server on 127.0.0.1 for a static portal: the demo (``newscrawler demo``), the crawl tests and
the benchmarks all use this one.

A portal is a folder with a ``headers.json`` manifest (URL path -> Content-Type: only those paths are
served, everything else is a 404), or a ``pages`` dict (path -> (body, Content-Type)). Absolute links
written against :data:`PLACEHOLDER` are served against the server's real address.

Faults, for tests, are keyed by path: ``("status", 500, n)`` answers 500 the first n times,
``("retry_after", seconds, n)`` answers 429 with Retry-After, ``("sleep", seconds)``
stalls before answering (timeouts), ``("reset",)`` closes the connection without
an answer, ``("truncate", n_bytes)`` promises the whole body and sends part of it,
``("redirect", target)`` answers 301, ``("page", bytes, content_type)`` serves
extra content, ``("hold",)`` answers only once ``release`` is set (at the latest when the server
stops), for requests that must stay in flight as long as a test needs. Every request is counted in
``hits`` (path -> n) and timed in ``times``.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PLACEHOLDER = b"http://demo.invalid"
"""The address absolute links of a portal's files are written against."""


class PortalServer:
    """State shared with the request handler threads."""

    def __init__(self, root: Path, pages: dict[str, tuple[bytes, str]] | None = None) -> None:
        self.root = root
        self.pages = pages
        """Served instead of the files under ``root`` when given: path -> (body, Content-Type)."""
        self.headers: dict[str, str] = (
            {path: ctype for path, (_, ctype) in pages.items()} if pages is not None
            else json.loads((root / "headers.json").read_text(encoding="utf-8"))
        )
        self.faults: dict[str, tuple[Any, ...]] = {}
        self.hits: Counter[str] = Counter()
        self.times: dict[str, list[float]] = {}
        self.lock = threading.Lock()
        self.base = ""
        self.release = threading.Event()
        """Set to let ``("hold",)`` requests answer (the server sets it when it stops)."""

    def content(self, path: str) -> tuple[bytes, str] | None:
        if path not in self.headers:
            return None
        if self.pages is not None:
            body, ctype = self.pages[path]
            return body.replace(PLACEHOLDER, self.base.encode()), ctype
        target = self.root / (path.lstrip("/") or "index.html")
        if path.endswith("/"):
            target = self.root / path.lstrip("/") / "index.html"
        return target.read_bytes().replace(PLACEHOLDER, self.base.encode()), self.headers[path]


def _handler(state: PortalServer, keep_alive: bool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"  # keep-alive, as real servers do

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            with state.lock:
                state.hits[path] += 1
                state.times.setdefault(path, []).append(time.monotonic())
                seen = state.hits[path]
            fault = state.faults.get(path)
            try:
                if fault and self._fault(fault, seen):
                    return
                found = state.content(path)
                if found is None:
                    self.send_error(404)
                    return
                self._send(200, *found)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _fault(self, fault: tuple[Any, ...], seen: int) -> bool:
            kind = fault[0]
            if kind == "status" and seen <= fault[2]:
                self._send(fault[1], b"server error", "text/plain")
            elif kind == "retry_after" and seen <= fault[2]:
                self.send_response(429)
                self.send_header("Retry-After", str(fault[1]))
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif kind == "sleep":
                time.sleep(fault[1])
                return False
            elif kind == "hold":
                state.release.wait(300)
                return False
            elif kind == "reset" and seen <= fault[1]:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                self.connection.close()
            elif kind == "truncate":
                body, ctype = state.content(self.path) or (b"", "text/html")
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: fault[1]])
                self.connection.close()
            elif kind == "redirect":
                self.send_response(301)
                self.send_header("Location", fault[1])
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif kind == "page":
                self._send(200, fault[1].replace(PLACEHOLDER, state.base.encode()), fault[2])
            else:
                return False
            return True

        def _send(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve_portal(root: Path, pages: dict[str, tuple[bytes, str]] | None = None, *, port: int = 0,
                 keep_alive: bool = False) -> Iterator[PortalServer]:
    """Serve the portal under ``root`` (or ``pages``) on ``port`` of 127.0.0.1 (0: a free one) for the block.

    Raises ``FileNotFoundError`` when ``root`` has no ``headers.json`` and ``OSError`` when the port is taken."""
    state = PortalServer(root, pages)
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(state, keep_alive))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
