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

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newscrawler.portal_server import PLACEHOLDER, serve_portal

__all__ = ["DEMO_DIR", "DEMO_PORT", "PLACEHOLDER", "serve"]

DEMO_DIR = Path(__file__).resolve().parents[1] / "data" / "demo"
DEMO_PORT = 8642
"""The demo portal's port on 127.0.0.1 (``newscrawler demo --port`` changes it; 0 picks a free one)."""


@contextmanager
def serve(root: Path = DEMO_DIR, port: int = 0) -> Iterator[str]:
    """Serve the demo portal on ``port`` of 127.0.0.1 (0: a free one) for the duration of the block;
    yields its base URL. Raises ``FileNotFoundError`` (no portal) or ``OSError`` (the port is taken)."""
    if not (root / "headers.json").exists():
        raise FileNotFoundError(f"the demo portal is missing: {root} (run from the repository root)")
    with serve_portal(root, port=port) as state:
        yield state.base
