"""The crawl tests' portal: ``newscrawler.portal_server`` serving the demo portal (or given pages).

See ``newscrawler/portal_server.py`` for the faults a test can set on a path.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newscrawler.demo import DEMO_DIR
from newscrawler.portal_server import PLACEHOLDER, PortalServer, serve_portal

__all__ = ["PLACEHOLDER", "PortalServer", "portal"]


@contextmanager
def portal(root: Path = DEMO_DIR, pages: dict[str, tuple[bytes, str]] | None = None) -> Iterator[PortalServer]:
    """Run the portal (the demo files, or ``pages``) on a free port for the duration of the block."""
    with serve_portal(root, pages) as state:
        yield state
