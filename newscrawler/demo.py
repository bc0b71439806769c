"""The offline demo portal: serve ``data/demo`` on 127.0.0.1 and crawl it into the archive.

The portal is made of the project's own articles rendered into its own portal
templates (``python -m tests.fixtures.make_demo`` writes it); ``headers.json``
says which Content-Type each path is served with, one of them naming the wrong
charset on purpose. Absolute links in the feed and sitemap are written against
``http://demo.invalid`` and served against the real address.

The portal is served on a fixed port (:data:`DEMO_PORT`) so that its article URLs, and so the
archive's identity of each article, are the same on every run: a second ``newscrawler demo``
finds everything archived and adds nothing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parents[1] / "data" / "demo"
PLACEHOLDER = b"http://demo.invalid"
DEMO_PORT = 8642
"""The demo portal's port on 127.0.0.1 (``newscrawler demo --port`` changes it; 0 picks a free one)."""


def _handler(root: Path, base: bytes) -> type[BaseHTTPRequestHandler]:
    headers: dict[str, str] = json.loads((root / "headers.json").read_text(encoding="utf-8"))

    class DemoHandler(BaseHTTPRequestHandler):
        """Serves the demo files with the manifest's Content-Type; everything else is a 404."""

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path not in headers:
                self.send_error(404, "页面不存在")
                return
            target = root / (path.lstrip("/") or "index.html")
            if path.endswith("/"):
                target = root / path.lstrip("/") / "index.html"
            body = target.read_bytes().replace(PLACEHOLDER, base)
            try:
                self.send_response(200)
                self.send_header("Content-Type", headers[path])
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    return DemoHandler


@contextmanager
def serve(root: Path = DEMO_DIR, port: int = 0) -> Iterator[str]:
    """Serve the demo portal on ``port`` of 127.0.0.1 (0: a free one) for the duration of the block;
    yields its base URL. Raises ``FileNotFoundError`` (no portal) or ``OSError`` (the port is taken)."""
    if not (root / "headers.json").exists():
        raise FileNotFoundError(f"the demo portal is missing: {root} (run from the repository root)")
    server = ThreadingHTTPServer(("127.0.0.1", port), BaseHTTPRequestHandler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    server.RequestHandlerClass = _handler(root, base.encode())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
